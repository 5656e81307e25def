import type { paths } from '../../api/schema';
import { App, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/download-file';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useOpenParam } from '../../components/use-open-param';
import { useTableParams } from '../../components/use-table-params';
import { formatDate, formatDateTime, formatYuan } from '../../lib/format';
import { SETTLEMENT_STATE, tagOf } from '../../lib/office-labels';
import { SettlementCreateModal } from './settlement-create';
import { SettlementDrawer } from './settlement-drawer';
import { useSettlements, type SettlementSummary } from './settlements-hooks';
import { useTableScroll } from '../../components/phone';

type ListQuery = NonNullable<paths['/api/settlements']['get']['parameters']['query']>;
const SORTS = ['period', 'unitName', 'indicatorName', 'state', 'reward', 'deduction', 'computedAt'] as const satisfies readonly NonNullable<
  ListQuery['sort']
>[];

/** Rewards and penalties: a campaign's settlements (server-paged), review one, recompute a draft, confirm it. */
export function SettlementsPage() {
  const { message } = App.useApp();
  const t = useTableParams(['campaignId', 'state'] as const, undefined, SORTS);
  const [openId, setOpen] = useOpenParam('settlement');
  const [creating, setCreating] = useState(false);
  const campaign = useCampaignChoice(t.filters.campaignId, (v) => t.setFilter('campaignId', v));
  const { page, pageSize, sort, order } = t.query;
  const list = useSettlements({ campaignId: campaign.campaignId, state: t.filters.state, page, pageSize, sort, order });
  const download = (id: number, period: string) =>
    downloadFile(`/api/settlements/${id}/xlsx`, {}, `奖惩结算_${period}.xlsx`).then(
      ({ name }) => message.success(`已下载 ${name}`),
      (e: Error) => message.error(e.message),
    );

  return (
    <Card
      title="奖惩结算"
      extra={
        <Button type="primary" disabled={!campaign.campaign} onClick={() => setCreating(true)}>
          发起结算
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {campaign.picker}
        <Select
          aria-label="结算状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={t.filters.state}
          onChange={(v?: string) => t.setFilter('state', v)}
          options={Object.entries(SETTLEMENT_STATE).map(([value, s]) => ({ value, label: s.label }))}
        />
      </Space>
      <ErrorAlert error={campaign.error ?? list.error} />
      <Table<SettlementSummary>
        rowKey="id"
        size="middle"
        scroll={useTableScroll(960)}
        loading={list.isFetching || campaign.loading}
        dataSource={list.data?.items}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        onRow={(s) => ({ onClick: () => setOpen(s.id), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: <EmptyHint text="还没有结算" next="任务到期后系统自动结算；也可点击“发起结算”按当前进度先算一次" />,
        }}
        columns={[
          { title: '结算周期', dataIndex: 'period', sorter: true, sortOrder: t.sortOrderOf('period'), render: (v: string) => formatDate(v) },
          { title: '单位', dataIndex: 'unitName', sorter: true, sortOrder: t.sortOrderOf('unitName') },
          { title: '指标', dataIndex: 'indicatorName', ellipsis: true, responsive: ['md'], sorter: true, sortOrder: t.sortOrderOf('indicatorName') },
          {
            title: '状态',
            dataIndex: 'state',
            sorter: true,
            sortOrder: t.sortOrderOf('state'),
            render: (v: string) => <Tag color={tagOf(SETTLEMENT_STATE, v).color}>{tagOf(SETTLEMENT_STATE, v).label}</Tag>,
          },
          {
            title: '奖励合计',
            key: 'reward',
            align: 'right',
            sorter: true,
            sortOrder: t.sortOrderOf('reward'),
            render: (_: unknown, s) => formatYuan(s.totals.reward),
          },
          {
            title: '扣减合计',
            key: 'deduction',
            align: 'right',
            sorter: true,
            sortOrder: t.sortOrderOf('deduction'),
            render: (_: unknown, s) => formatYuan(s.totals.deduction),
          },
          { title: '行数', key: 'lines', align: 'right', responsive: ['sm'], render: (_: unknown, s) => s.totals.lines },
          {
            title: '计算时间',
            dataIndex: 'computedAt',
            responsive: ['lg'],
            sorter: true,
            sortOrder: t.sortOrderOf('computedAt'),
            render: (v: string) => formatDateTime(v),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, s) => (
              <Button type="link" onClick={() => setOpen(s.id)}>
                审核
              </Button>
            ),
          },
        ]}
      />
      {campaign.campaign && (
        <SettlementCreateModal
          campaignId={campaign.campaign.id}
          unitId={campaign.campaign.orgUnitId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={setOpen}
        />
      )}
      <SettlementDrawer id={openId} onClose={() => setOpen(undefined)} onDownload={download} />
    </Card>
  );
}
