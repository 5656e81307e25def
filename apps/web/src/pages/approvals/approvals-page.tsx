import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../auth/auth-hooks';
import { useCampaign } from '../campaigns/campaigns-hooks';
import { CampaignSelect, useCampaignChoice } from '../dashboard/campaign-choice';
import { ALLOCATION_STATUS } from './allocation-status';
import { ApprovalDrawer } from './approval-drawer';
import { useAllocations, type AllocationListQuery, type AllocationPage, type AllocationStatus } from './approvals-hooks';
import { SECONDARY, useTableScroll } from '../../components/phone';
import { decisionRight } from './decision-right';

type Row = AllocationPage['items'][number];

const SORTS = ['indicatorName', 'unitName', 'version', 'status', 'updatedAt'] as const satisfies readonly NonNullable<AllocationListQuery['sort']>[];

/** 分解审批: the splits submitted to the leadership, paged and sorted on the server; a row opens its comparison to approve or reject. */
export function ApprovalsPage() {
  const t = useTableParams(['status'] as const, { pageSize: 20 }, SORTS);
  const choice = useCampaignChoice();
  const [params, setParams] = useSearchParams();
  // the queue by default; 'all' lists every status
  const status = t.filters.status === 'all' ? undefined : ((t.filters.status as AllocationStatus | undefined) ?? 'submitted');
  const list = useAllocations({
    page: t.query.page,
    pageSize: t.query.pageSize,
    ...(t.query.sort ? { sort: t.query.sort, order: t.query.order } : {}),
    ...(choice.campaignId ? { campaignId: choice.campaignId } : {}),
    ...(status ? { status } : {}),
  });
  const me = useMe().data;
  const campaign = useCampaign(choice.campaignId ?? 0);
  const right = me && campaign.data ? decisionRight(me, campaign.data.members) : null;
  const openId = Number(params.get('open')) || null;
  const setOpen = (id: number | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('open', String(id));
      else next.delete('open');
      return next;
    });

  return (
    <Card title="任务分解审批">
      <Space wrap style={{ marginBottom: 12 }}>
        <CampaignSelect choice={choice} />
        <Select
          aria-label="状态"
          style={{ width: 140 }}
          value={t.filters.status ?? 'submitted'}
          onChange={(v) => t.setFilter('status', v === 'submitted' ? undefined : v)}
          options={[
            ...(['submitted', 'rejected', 'approved', 'superseded', 'draft'] as const).map((s) => ({ value: s, label: ALLOCATION_STATUS[s].label })),
            { value: 'all', label: '全部状态' },
          ]}
        />
      </Space>
      {right && !right.canDecide && <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="decision-note" message={right.whoDecides} />}
      <ErrorAlert error={list.error} />
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        scroll={useTableScroll(640)}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        locale={{
          emptyText:
            status === 'submitted' ? (
              <EmptyHint text="没有待审批的分解方案" next="办公室或各单位提交任务分解后，会出现在这里等待您审批" />
            ) : (
              <EmptyHint text="没有该状态的分解方案" next="换一个状态筛选，或选择“待审批”查看审批队列" />
            ),
        }}
        columns={[
          { title: '指标', dataIndex: 'indicatorName', ...t.sortable('indicatorName'), ellipsis: true },
          { title: '分解单位', dataIndex: 'unitName', ...t.sortable('unitName'), width: 140 },
          { title: '版本', dataIndex: 'version', ...SECONDARY, ...t.sortable('version'), width: 90, render: (v: number) => `第${v}版` },
          {
            title: '状态',
            dataIndex: 'status',
            ...t.sortable('status'),
            width: 100,
            render: (s: AllocationStatus) => <Tag color={ALLOCATION_STATUS[s]?.color}>{ALLOCATION_STATUS[s]?.label ?? s}</Tag>,
          },
          { title: '更新时间', dataIndex: 'updatedAt', ...t.sortable('updatedAt'), width: 150, responsive: ['sm'], render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'action',
            width: 90,
            fixed: 'right',
            render: (_: unknown, r) => (
              <Button
                size="small"
                type={r.status === 'submitted' && right?.canDecide ? 'primary' : 'default'}
                onClick={(e) => {
                  e.stopPropagation();
                  setOpen(r.id);
                }}
              >
                {r.status === 'submitted' && right?.canDecide ? '审核' : '查看'}
              </Button>
            ),
          },
        ]}
      />
      <ApprovalDrawer id={openId} onClose={() => setOpen(null)} />
    </Card>
  );
}
