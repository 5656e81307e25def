import { Table, Tag } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { useLocalTableParams } from '../../components/use-local-table-params';
import { formatCount, formatPercent, formatYuan } from '../../lib/format';
import { SETTLEMENT_TIER, tagOf } from '../../lib/office-labels';
import { useSettlementLines, type SettlementLinePage, type SettlementLineQuery } from './settlements-hooks';

type Line = SettlementLinePage['items'][number];

/** The measures a line carries besides money (DOMAIN.md section 9). */
function measures(l: Line): string[] {
  return [l.criticism && '通报批评', l.talk && '约谈负责人', l.admonition && '诫勉谈话', l.writtenExplanation && '书面说明'].filter((x): x is string => !!x);
}

const SORTS = ['unitName', 'target', 'newEnrolees', 'mobilised', 'rate', 'reward', 'deduction'] as const satisfies readonly NonNullable<
  SettlementLineQuery['sort']
>[];

/**
 * One settlement's lines, paged, sorted and filtered by tier on the server (a city's settlement has a line per unit and
 * cadre: thousands). The drawer's own state, not the URL: the list page behind it keeps its paging there.
 */
export function SettlementLines({ id }: { id: number }) {
  const t = useLocalTableParams(['tier'] as const, 50, SORTS, [20, 50, 100]);
  const tier = t.filters.tier as SettlementLineQuery['tier'];
  const lines = useSettlementLines(id, { ...t.query, tier });
  const { sortable } = t;
  return (
    <>
      <ErrorAlert error={lines.error} />
      <Table<Line>
        rowKey={(l) => `${l.taskId}-${l.cadreUserId ?? 'unit'}`}
        size="small"
        scroll={{ x: 1120 }}
        loading={lines.isFetching}
        dataSource={lines.data?.items}
        pagination={{ ...t.pagination, total: lines.data?.total ?? 0, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 行` }}
        onChange={(pg, filters, s) => {
          t.onTableChange(pg, filters, s);
          const picked = (filters.tier?.[0] as string | undefined) ?? undefined;
          if (picked !== t.filters.tier) t.setFilter('tier', picked); // a new tier starts on its first page
        }}
        columns={[
          {
            title: '单位 / 干部',
            fixed: 'left',
            width: 170,
            ...sortable('unitName'),
            render: (_: unknown, l) => (l.cadreName ? `${l.unitName} · ${l.cadreName}` : l.unitName),
          },
          { title: '目标', dataIndex: 'target', align: 'right', ...sortable('target'), render: (v: string) => formatCount(v) },
          { title: '新增参保', dataIndex: 'newEnrolees', align: 'right', ...sortable('newEnrolees'), render: (v: string) => formatCount(v) },
          { title: '自行动员', dataIndex: 'mobilised', align: 'right', ...sortable('mobilised'), render: (v: string) => formatCount(v) },
          { title: '完成率', dataIndex: 'ratePct', align: 'right', ...sortable('rate'), render: (v: string | null) => formatPercent(v) },
          {
            title: '档次',
            dataIndex: 'tier',
            key: 'tier',
            filters: Object.entries(SETTLEMENT_TIER).map(([value, t]) => ({ text: t.label, value })),
            filterMultiple: false,
            filteredValue: tier ? [tier] : null,
            render: (v: string) => <Tag color={tagOf(SETTLEMENT_TIER, v).color}>{tagOf(SETTLEMENT_TIER, v).label}</Tag>,
          },
          { title: '奖励', dataIndex: 'reward', align: 'right', ...sortable('reward'), render: (v: string) => formatYuan(v) },
          { title: '扣减', dataIndex: 'deduction', align: 'right', ...sortable('deduction'), render: (v: string) => formatYuan(v) },
          { title: '问责', key: 'measures', width: 200, render: (_: unknown, l) => measures(l).map((m) => <Tag key={m}>{m}</Tag>) },
        ]}
      />
    </>
  );
}
