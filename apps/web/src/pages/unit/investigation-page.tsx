import { Breadcrumb, Card, Progress, Select, Space, Table, Typography } from 'antd';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { formatPercent } from '../../lib/format';
import { useActiveCampaigns, useInvestigation, type Investigation, type InvestigationQuery } from './unit-hooks';
import { useTableScroll } from '../../components/phone';

type Sort = NonNullable<InvestigationQuery['sort']>;
const SORTS = [
  'unitName',
  'employersIssued',
  'employersInvestigated',
  'employerRate',
  'peopleIssued',
  'peopleInvestigated',
  'peopleRate',
] as const satisfies readonly Sort[];

type Row = Investigation['items'][number];
type Step = { id: number; name: string };

const parseTrail = (raw: string | undefined): Step[] => {
  try {
    const steps = raw ? (JSON.parse(raw) as Step[]) : [];
    return Array.isArray(steps) ? steps.filter((s) => Number.isInteger(s?.id) && typeof s?.name === 'string') : [];
  } catch {
    return [];
  }
};

function Rate({ rate, done, issued, unit }: { rate: number | null; done: number; issued: number; unit: string }) {
  if (rate === null) return <Typography.Text type="secondary">未下发</Typography.Text>;
  return (
    <div style={{ minWidth: 140 }}>
      <Progress percent={rate} size="small" format={() => formatPercent(rate)} status={rate >= 100 ? 'success' : 'normal'} style={{ margin: 0 }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        已排查 {done} / 下发 {issued} {unit}
      </Typography.Text>
    </div>
  );
}

/**
 * /registry/investigation: employers and people issued vs investigated for each unit below mine (seed 002 annex 4), drilling
 * down; paged and sorted on the server, the 合计 row over every child; campaign, trail, page and sort kept in the URL.
 */
export function InvestigationPage() {
  const me = useMe().data!;
  const myUnit = useUnit(me.orgUnitId).data;
  const campaigns = useActiveCampaigns();
  const t = useTableParams(['campaignId', 'trail'] as const, undefined, SORTS);
  const cid = t.filters.campaignId ? Number(t.filters.campaignId) : campaigns.data?.items[0]?.id;
  const trail = parseTrail(t.filters.trail);
  const setTrail = (next: Step[]) => t.setFilter('trail', next.length ? JSON.stringify(next) : undefined);
  const unitId = trail.at(-1)?.id ?? me.orgUnitId;
  const sort = 'sort' in t.query && t.query.sort ? { sort: t.query.sort as Sort, order: t.query.order } : {};
  const data = useInvestigation({ campaignId: cid, unitId, page: t.query.page, pageSize: t.query.pageSize, ...sort });
  const rows = data.data?.items ?? [];
  const sum = data.data?.sum;
  const sorter = (key: Sort) => ({ key, sorter: true, sortOrder: t.sortOrderOf(key) });
  const drillable = (r: Row) => r.unitId !== unitId;

  return (
    <Card title="排查进度" data-testid="investigation-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          placeholder="扩面任务"
          value={cid}
          onChange={(v: number) => t.setFilter('campaignId', String(v))}
          options={campaigns.data?.items.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Breadcrumb
          items={[
            { title: <a onClick={() => setTrail([])}>{myUnit?.name ?? '本单位'}</a> },
            ...trail.map((u, i) => ({ title: i === trail.length - 1 ? u.name : <a onClick={() => setTrail(trail.slice(0, i + 1))}>{u.name}</a> })),
          ]}
        />
      </Space>
      <ErrorAlert error={data.error} />
      <Table<Row>
        rowKey="unitId"
        size="middle"
        loading={data.isFetching}
        dataSource={rows}
        pagination={{ ...t.pagination, total: data.data?.total ?? 0, hideOnSinglePage: true }}
        onChange={t.onTableChange}
        scroll={useTableScroll(640, 'columns')}
        summary={() =>
          sum ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                <Rate rate={sum.employerRate} done={sum.employersInvestigated} issued={sum.employersIssued} unit="户" />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2}>
                <Rate rate={sum.peopleRate} done={sum.peopleInvestigated} issued={sum.peopleIssued} unit="人" />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          {
            title: '单位',
            dataIndex: 'unitName',
            ...sorter('unitName'),
            render: (v: string, r) => (drillable(r) ? <a onClick={() => setTrail([...trail, { id: r.unitId, name: v }])}>{v}</a> : v),
          },
          {
            title: '用人单位排查',
            ...sorter('employerRate'),
            render: (_, r) => <Rate rate={r.employerRate} done={r.employersInvestigated} issued={r.employersIssued} unit="户" />,
          },
          {
            title: '人员排查',
            ...sorter('peopleRate'),
            render: (_, r) => <Rate rate={r.peopleRate} done={r.peopleInvestigated} issued={r.peopleIssued} unit="人" />,
          },
        ]}
      />
    </Card>
  );
}
