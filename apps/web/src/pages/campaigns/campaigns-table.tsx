import { Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { CampaignPage, CampaignStatus } from '../../api/common-types';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { formatDate } from '../../lib/format';
import { CAMPAIGN_STATUS } from './campaign-status';
import { useCampaigns, type CampaignListQuery } from './campaigns-hooks';
import { useTableScroll } from '../../components/phone';

type Row = CampaignPage['items'][number];

const SORTS = ['name', 'unitName', 'startsOn', 'endsOn', 'status'] as const satisfies readonly NonNullable<CampaignListQuery['sort']>[];

/** The caller's campaigns: paged, sorted and filtered by status on the server, the page, order and filter in the URL. */
export function CampaignsTable() {
  const t = useTableParams(['status'] as const, { pageSize: 10 }, SORTS);
  const status = t.filters.status as CampaignStatus | undefined;
  const { page, pageSize, sort, order } = t.query;
  const list = useCampaigns({ page, pageSize, ...(sort ? { sort, order } : {}), ...(status ? { status } : {}) });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={(v) => t.setFilter('status', v)}
          options={Object.entries(CAMPAIGN_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Row>
        scroll={useTableScroll('max-content')}
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        locale={{
          emptyText: status ? (
            <EmptyHint text="没有该状态的任务" next="换一个状态筛选，或清除筛选查看全部任务" />
          ) : (
            <EmptyHint text="暂无扩面任务" next="领导小组办公室新建并启动任务后，分解到本单位的任务会出现在这里" />
          ),
        }}
        columns={[
          { title: '任务名称', dataIndex: 'name', ...t.sortable('name'), render: (name: string, r) => <Link to={`/campaigns/${r.id}`}>{name}</Link> },
          { title: '牵头单位', dataIndex: 'unitName', ...t.sortable('unitName'), responsive: ['md'] },
          { title: '开始日期', dataIndex: 'startsOn', ...t.sortable('startsOn'), render: (v: string) => formatDate(v), responsive: ['sm'] },
          { title: '结束日期', dataIndex: 'endsOn', ...t.sortable('endsOn'), render: (v: string) => formatDate(v) },
          {
            title: '状态',
            dataIndex: 'status',
            ...t.sortable('status'),
            render: (s: CampaignStatus) => <Tag color={CAMPAIGN_STATUS[s]?.color}>{CAMPAIGN_STATUS[s]?.label ?? s}</Tag>,
          },
        ]}
      />
    </>
  );
}
