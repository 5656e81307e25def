import { Table, Tag } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatCount, formatPercent, formatYuan } from '../../lib/format';
import { SETTLEMENT_TIER, tagOf } from '../../lib/office-labels';
import { useSettlementLines, type SettlementLinePage } from './settlements-hooks';

type Line = SettlementLinePage['items'][number];

/** The measures a line carries besides money (DOMAIN.md section 9). */
function measures(l: Line): string[] {
  return [l.criticism && '通报批评', l.talk && '约谈负责人', l.admonition && '诫勉谈话', l.writtenExplanation && '书面说明'].filter((x): x is string => !!x);
}

type Params = { page: number; pageSize: number; sort?: string; order?: 'asc' | 'desc'; tier?: string };

/**
 * One settlement's lines, paged, sorted and filtered by tier on the server (a city's settlement has a line per unit and
 * cadre: thousands). The drawer's own state, not the URL: the list page behind it keeps its paging there.
 */
export function SettlementLines({ id }: { id: number }) {
  const [p, setP] = useState<Params>({ page: 1, pageSize: 50 });
  const lines = useSettlementLines(id, p);
  const sortOrderOf = (key: string) => (p.sort === key ? (p.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  const sortable = (key: string) => ({ sorter: true, sortOrder: sortOrderOf(key) });
  return (
    <>
      <ErrorAlert error={lines.error} />
      <Table<Line>
        rowKey={(l) => `${l.taskId}-${l.cadreUserId ?? 'unit'}`}
        size="small"
        scroll={{ x: 1120 }}
        loading={lines.isFetching}
        dataSource={lines.data?.items}
        pagination={{
          current: p.page,
          pageSize: p.pageSize,
          total: lines.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 行`,
        }}
        onChange={(pg, filters, s) => {
          const one = (Array.isArray(s) ? s[0] : s) as SorterResult<Line> | undefined;
          const tier = (filters.tier?.[0] as string | undefined) ?? undefined;
          setP({
            page: tier !== p.tier ? 1 : (pg.current ?? 1),
            pageSize: pg.pageSize ?? 50,
            tier,
            ...(one?.order ? { sort: String(one.columnKey ?? one.field), order: one.order === 'ascend' ? 'asc' : 'desc' } : {}),
          });
        }}
        columns={[
          {
            title: '单位 / 干部',
            key: 'unitName',
            fixed: 'left',
            width: 170,
            ...sortable('unitName'),
            render: (_: unknown, l) => (l.cadreName ? `${l.unitName} · ${l.cadreName}` : l.unitName),
          },
          { title: '目标', dataIndex: 'target', align: 'right', ...sortable('target'), render: (v: string) => formatCount(v) },
          { title: '新增参保', dataIndex: 'newEnrolees', align: 'right', ...sortable('newEnrolees'), render: (v: string) => formatCount(v) },
          { title: '自行动员', dataIndex: 'mobilised', align: 'right', ...sortable('mobilised'), render: (v: string) => formatCount(v) },
          { title: '完成率', dataIndex: 'ratePct', key: 'rate', align: 'right', ...sortable('rate'), render: (v: string | null) => formatPercent(v) },
          {
            title: '档次',
            dataIndex: 'tier',
            key: 'tier',
            filters: Object.entries(SETTLEMENT_TIER).map(([value, t]) => ({ text: t.label, value })),
            filterMultiple: false,
            filteredValue: p.tier ? [p.tier] : null,
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
