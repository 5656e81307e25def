import { Card, Table, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { useTableScroll } from '../../components/phone';
import { formatPercent, formatYuan } from '../../lib/format';
import { useLandIndicators } from './land-hooks';

type Row = NonNullable<ReturnType<typeof useLandIndicators>['data']>['unit'];

function Rate({ pct, text }: { pct: string | null; text: string }) {
  return (
    <div style={{ minWidth: 120 }}>
      <div>{formatPercent(pct)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {text}
      </Typography.Text>
    </div>
  );
}

/**
 * Seed 004's three land figures of my unit (合计) and each unit below, computed from the projects and farmers: the
 * share of projects verified, the subsidy fund's arrival rate and the insured rate of verified farmers (insured once
 * the subsidy is paid out). Blank (—) where nothing is counted.
 */
export function LandIndicatorsCard() {
  const data = useLandIndicators();
  const rows: (Row & { total?: boolean })[] = data.data ? [{ ...data.data.unit, total: true }, ...data.data.children] : [];
  return (
    <Card title="被征地农民工作指标（按记录自动计算）" size="small">
      <ErrorAlert error={data.error} />
      <Table<Row & { total?: boolean }>
        rowKey="unitId"
        size="small"
        pagination={false}
        scroll={useTableScroll('max-content')}
        loading={data.isFetching}
        dataSource={rows}
        columns={[
          { title: '单位', dataIndex: 'unitName', render: (v: string, r) => (r.total ? <strong>{v}（合计）</strong> : v) },
          { title: '征地项目', dataIndex: 'projects' },
          {
            title: '已核实信息的项目占比',
            key: 'p',
            render: (_, r) => <Rate pct={r.projectVerifiedRate} text={`已核实 ${r.projectsVerified} / ${r.projects} 个`} />,
          },
          {
            title: '补贴资金到位率',
            key: 'f',
            render: (_, r) => <Rate pct={r.fundArrivalRate} text={`${formatYuan(r.fundArrived)} / ${formatYuan(r.fundDue)}`} />,
          },
          {
            title: '已核实农民参保率',
            key: 'i',
            render: (_, r) => <Rate pct={r.insuredRate} text={`已参保 ${r.farmersInsured} / ${r.farmersVerified} 人`} />,
          },
        ]}
      />
    </Card>
  );
}
