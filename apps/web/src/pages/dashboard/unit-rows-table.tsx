import { Progress, Table, Tag, Typography } from 'antd';
import { EmptyHint } from '../../components/empty-hint';
import { formatPercent } from '../../lib/format';
import { barPercent, formatActual, formatFigure, hasNoPlan, rateOnlyNote, statusLook, type ProgressRow } from '../../lib/progress-look';
import type { DashboardIndicator } from './dashboard-hooks';
import { SECONDARY, useIsPhone, useTableScroll } from '../../components/phone';

function RateBar({ row }: { row: ProgressRow }) {
  // no plan: nothing to measure against, the cell stays blank (seed 002 annex 5)
  if (hasNoPlan(row)) return null;
  return (
    <Progress
      size="small"
      percent={barPercent(row.rate)}
      strokeColor={statusLook(row.status).hex}
      format={() => (row.ratePct === null ? '—' : `${row.ratePct}%`)}
    />
  );
}

/** What a row has done, and for a ratio where its rate comes from (a rate reported alone, rate-only reports left out). */
function ActualCell({ indicator, row }: { indicator: DashboardIndicator; row: ProgressRow }) {
  const note = rateOnlyNote(row);
  return (
    <>
      {formatActual(indicator, row)}
      {note && (
        <div>
          <Tag color={row.rateOnly ? 'blue' : 'default'} style={{ marginInlineEnd: 0, fontSize: 12 }}>
            {note}
          </Tag>
        </div>
      )}
    </>
  );
}

function Gap({ v }: { v: string | null }) {
  if (v === null) return <>—</>;
  return <span style={{ color: Number(v) < 0 ? '#cf1322' : '#389e0d' }}>{Number(v) > 0 ? `+${v}` : v}</span>;
}

/**
 * The child units' rows of one indicator, with the unit's total last; a unit's name drills down into it. The unit and
 * its completion come first, so that a phone shows them without scrolling sideways.
 */
export function UnitRowsTable({
  indicator,
  loading,
  onDrill,
  ranked = false,
}: {
  indicator: DashboardIndicator;
  loading?: boolean;
  onDrill?: (row: ProgressRow) => void;
  /** ranking order with the rank first */
  ranked?: boolean;
}) {
  const phone = useIsPhone();
  const total = indicator.total;
  // the total's cells under target, expected and gap go with their columns, hidden on a phone
  const shown = (i: number) => !(phone && i >= 2 && i <= 4);
  const cells = [
    <RateBar key="rate" row={total} />,
    <ActualCell key="actual" indicator={indicator} row={total} />,
    formatFigure(indicator, total.target),
    formatPercent(total.expectedPct),
    <Gap key="gap" v={total.gapPct} />,
    <Tag key="status" color={statusLook(total.status).tag}>
      {statusLook(total.status).label}
    </Tag>,
  ];
  return (
    <Table<ProgressRow>
      rowKey="unitId"
      size="small"
      loading={loading}
      dataSource={indicator.rows}
      pagination={false}
      scroll={useTableScroll(860, 'columns')}
      onRow={(r) => (onDrill ? { onClick: () => onDrill(r), style: { cursor: 'pointer' } } : {})}
      locale={{ emptyText: <EmptyHint text="没有下级单位的数据" next="该单位的任务没有再分解到下级；可返回上一级查看" /> }}
      summary={() =>
        indicator.rows.length > 1 ? (
          <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
            {ranked && <Table.Summary.Cell index={0} />}
            <Table.Summary.Cell index={1}>合计（{total.name}）</Table.Summary.Cell>
            {cells.map(
              (c, i) =>
                shown(i) && (
                  <Table.Summary.Cell key={i} index={i + 2} align={i >= 1 && i <= 4 ? 'right' : undefined}>
                    {c}
                  </Table.Summary.Cell>
                ),
            )}
            {!ranked && <Table.Summary.Cell index={9} />}
          </Table.Summary.Row>
        ) : null
      }
      columns={[
        ...(ranked ? [{ title: '排名', dataIndex: 'rank', width: 56, fixed: 'left' as const }] : []),
        {
          title: '单位',
          dataIndex: 'name',
          fixed: 'left' as const,
          width: 130,
          render: (name: string) => (onDrill ? <Typography.Link>{name}</Typography.Link> : name),
        },
        { title: '完成率', key: 'rate', width: 170, render: (_: unknown, r: ProgressRow) => <RateBar row={r} /> },
        {
          title: indicator.kind === 'ratio' ? '参保率' : '完成',
          key: 'actual',
          width: 110,
          align: 'right' as const,
          render: (_: unknown, r: ProgressRow) => <ActualCell indicator={indicator} row={r} />,
        },
        {
          title: '目标',
          dataIndex: 'target',
          ...SECONDARY,
          width: 110,
          align: 'right' as const,
          render: (v: string | null, r: ProgressRow) => (hasNoPlan(r) ? '' : formatFigure(indicator, v)),
        },
        { title: '序时进度', dataIndex: 'expectedPct', ...SECONDARY, width: 90, align: 'right' as const, render: (v: string) => formatPercent(v) },
        {
          title: '差距（百分点）',
          dataIndex: 'gapPct',
          ...SECONDARY,
          width: 120,
          align: 'right' as const,
          render: (v: string | null, r: ProgressRow) => (hasNoPlan(r) ? '' : <Gap v={v} />),
        },
        { title: '状态', dataIndex: 'status', width: 100, render: (s: ProgressRow['status']) => <Tag color={statusLook(s).tag}>{statusLook(s).label}</Tag> },
        ...(ranked ? [] : [{ title: '排名', dataIndex: 'rank', width: 64 }]),
      ]}
    />
  );
}
