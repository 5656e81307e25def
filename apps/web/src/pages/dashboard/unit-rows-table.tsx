import { Progress, Table, Tag, Typography } from 'antd';
import { EmptyHint } from '../../components/empty-hint';
import { formatPercent } from '../../lib/format';
import { barPercent, formatActual, formatFigure, statusLook, type ProgressRow } from '../../lib/progress-look';
import type { DashboardIndicator } from './dashboard-hooks';

/** The child units' rows of one indicator; a unit's name drills down into it. */
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
  return (
    <Table<ProgressRow>
      rowKey="unitId"
      size="small"
      loading={loading}
      dataSource={indicator.rows}
      pagination={false}
      scroll={{ x: 720 }}
      onRow={(r) => (onDrill ? { onClick: () => onDrill(r), style: { cursor: 'pointer' } } : {})}
      locale={{ emptyText: <EmptyHint text="没有下级单位的数据" next="该单位的任务没有再分解到下级；可返回上一级查看" /> }}
      summary={() =>
        indicator.rows.length > 1 ? (
          <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
            {ranked && <Table.Summary.Cell index={0} />}
            <Table.Summary.Cell index={1}>合计（{indicator.total.name}）</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {formatFigure(indicator, indicator.total.target)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatActual(indicator, indicator.total)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4}>{indicator.total.ratePct === null ? '—' : `${indicator.total.ratePct}%`}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {formatPercent(indicator.total.expectedPct)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {indicator.total.gapPct === null ? '—' : `${indicator.total.gapPct}`}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7}>
              <Tag color={statusLook(indicator.total.status).tag}>{statusLook(indicator.total.status).label}</Tag>
            </Table.Summary.Cell>
            {!ranked && <Table.Summary.Cell index={8} />}
          </Table.Summary.Row>
        ) : null
      }
      columns={[
        ...(ranked ? [{ title: '排名', dataIndex: 'rank', width: 64, fixed: 'left' as const }] : []),
        {
          title: '单位',
          dataIndex: 'name',
          fixed: 'left' as const,
          width: 140,
          render: (name: string) => (onDrill ? <Typography.Link>{name}</Typography.Link> : name),
        },
        { title: '目标', dataIndex: 'target', align: 'right' as const, render: (v: string | null) => formatFigure(indicator, v) },
        { title: indicator.kind === 'ratio' ? '参保率' : '完成', key: 'actual', align: 'right' as const, render: (_: unknown, r: ProgressRow) => formatActual(indicator, r) },
        {
          title: '完成率',
          dataIndex: 'rate',
          width: 170,
          render: (_: unknown, r: ProgressRow) => (
            <Progress size="small" percent={barPercent(r.rate)} strokeColor={statusLook(r.status).hex} format={() => (r.ratePct === null ? '—' : `${r.ratePct}%`)} />
          ),
        },
        { title: '序时进度', dataIndex: 'expectedPct', align: 'right' as const, render: (v: string) => formatPercent(v) },
        {
          title: '差距（百分点）',
          dataIndex: 'gapPct',
          align: 'right' as const,
          render: (v: string | null) => (v === null ? '—' : <span style={{ color: Number(v) < 0 ? '#cf1322' : '#389e0d' }}>{Number(v) > 0 ? `+${v}` : v}</span>),
        },
        { title: '状态', dataIndex: 'status', render: (s: ProgressRow['status']) => <Tag color={statusLook(s).tag}>{statusLook(s).label}</Tag> },
        ...(ranked ? [] : [{ title: '排名', dataIndex: 'rank', width: 64 }]),
      ]}
    />
  );
}
