import { useQueries } from '@tanstack/react-query';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useLocalTableParams } from '../../components/use-local-table-params';
import { useTableParams } from '../../components/use-table-params';
import { businessToday } from '../../lib/format';
import { ActualCell, CompletionCell, CountdownTag, figureOf, formatTarget, MilestoneBar, TASK_STATUS } from './figures';
import type { IndicatorKind } from './split-total';
import { useActiveCampaigns, useMyTasks, type CampaignDetail, type Dashboard, type Task, type TaskListQuery } from './unit-hooks';
import { SECONDARY, useTableScroll } from '../../components/phone';

type Status = NonNullable<TaskListQuery['status']>;

const FILTERS = ['campaignId', 'status'] as const;
const SORTS = ['indicatorName', 'deadline'] as const satisfies readonly NonNullable<TaskListQuery['sort']>[];

/**
 * My unit's tasks, paged, sorted and filtered on the server: target, actual, completion, milestones and the countdown. On its
 * own page (/tasks) the paging and filters are in the URL; on the home page, beside the campaigns table, in state.
 */
export function MyTasksTable({ unitId, inUrl = true }: { unitId: number; inUrl?: boolean }) {
  const url = useTableParams(FILTERS, { pageSize: 10 }, SORTS);
  const local = useLocalTableParams(FILTERS, 5, SORTS);
  const t = inUrl ? url : local;
  const campaignId = t.filters.campaignId ? Number(t.filters.campaignId) : undefined;
  const status = t.filters.status as Status | undefined;
  const { page, pageSize, sort, order } = t.query;
  const list = useMyTasks({ page, pageSize, ...(sort ? { sort, order } : {}), ...(campaignId ? { campaignId } : {}), ...(status ? { status } : {}) });
  const campaigns = useActiveCampaigns();
  const ids = [...new Set((list.data?.items ?? []).map((x) => x.campaignId))];
  const details = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['campaigns', id],
      queryFn: () => unwrap<CampaignDetail>(api.GET('/api/campaigns/{id}', { params: { path: { id } } })),
      staleTime: 300_000,
    })),
  });
  const dashboards = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['dashboards', id, unitId, undefined],
      queryFn: () => unwrap<Dashboard>(api.GET('/api/dashboards', { params: { query: { campaignId: id, unitId } } })),
    })),
  });
  const campaignOf = (id: number) => details[ids.indexOf(id)]?.data;
  const dashboardOf = (id: number) => dashboards[ids.indexOf(id)]?.data;
  const today = businessToday();

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部扩面任务"
          style={{ width: 220 }}
          value={campaignId}
          onChange={(v) => t.setFilter('campaignId', v ? String(v) : undefined)}
          options={campaigns.data?.items.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={(v) => t.setFilter('status', v)}
          options={Object.entries(TASK_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Task>
        rowKey="id"
        size="middle"
        data-testid="my-tasks"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        scroll={useTableScroll(970, 'columns')}
        locale={{
          emptyText:
            status || campaignId ? (
              <EmptyHint text="没有符合筛选的任务" next="换一个筛选条件，或清除筛选查看全部任务" />
            ) : (
              <EmptyHint text="本单位暂无任务" next="上级审批通过分解方案后，下达到本单位的任务会出现在这里" />
            ),
        }}
        columns={[
          {
            title: '指标',
            dataIndex: 'indicatorName',
            ...t.sortable('indicatorName'),
            fixed: 'left',
            width: 180,
            render: (v: string, r) => (
              <>
                <Link to={`/tasks/${r.id}`}>{v}</Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.campaignName}
                    {r.holderUserId ? ' · 干部分担' : ''}
                  </Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: '完成 / 目标',
            key: 'actual',
            width: 130,
            ...SECONDARY,
            render: (_, r) => (
              <>
                <ActualCell kind={r.kind} unit={r.unit} actual={figureOf(dashboardOf(r.campaignId), r.id)?.actual} />
                <Typography.Text type="secondary"> / {formatTarget(r.kind, r.unit, r.target)}</Typography.Text>
              </>
            ),
          },
          {
            title: '完成率',
            key: 'rate',
            width: 150,
            render: (_, r) => {
              const f = figureOf(dashboardOf(r.campaignId), r.id);
              return <CompletionCell rate={f?.rate} ratePct={f?.ratePct} />;
            },
          },
          {
            title: '时间节点',
            key: 'milestones',
            width: 280,
            ...SECONDARY,
            render: (_, r) => (
              <MilestoneBar
                milestones={campaignOf(r.campaignId)?.milestones ?? []}
                task={{ kind: r.kind as IndicatorKind, target: r.target, deadline: r.deadline, unit: r.unit }}
                actual={figureOf(dashboardOf(r.campaignId), r.id)?.actual ?? null}
                today={today}
              />
            ),
          },
          {
            title: '截止',
            dataIndex: 'deadline',
            ...t.sortable('deadline'),
            width: 120,
            render: (v: string, r) => (
              <Space direction="vertical" size={4} data-testid="deadline">
                {r.status === 'met' || r.status === 'completed' ? (
                  <Typography.Text type="secondary">{v}</Typography.Text>
                ) : (
                  <CountdownTag deadline={v} today={today} status={r.status} />
                )}
                <Tag color={TASK_STATUS[r.status]?.color}>{TASK_STATUS[r.status]?.label ?? r.status}</Tag>
              </Space>
            ),
          },
          {
            title: '',
            key: 'go',
            width: 70,
            ...SECONDARY,
            render: (_, r) => (
              <Link to={`/tasks/${r.id}`}>
                <Button size="small">{r.holderUserId ? '查看' : '分解'}</Button>
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
