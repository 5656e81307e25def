import { Breadcrumb, Card, Progress, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { formatPercent } from '../../lib/format';
import { useActiveCampaigns, useInvestigation, type Investigation } from './unit-hooks';
import { useTableScroll } from '../../components/phone';

type Row = Investigation['rows'][number];

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

/** /registry/investigation: employers and people issued vs investigated for each unit below mine (seed 002 annex 4), drilling down. */
export function InvestigationPage() {
  const me = useMe().data!;
  const myUnit = useUnit(me.orgUnitId).data;
  const campaigns = useActiveCampaigns();
  const [campaignId, setCampaignId] = useState<number>();
  const cid = campaignId ?? campaigns.data?.items[0]?.id;
  const [trail, setTrail] = useState<{ id: number; name: string }[]>([]);
  const unitId = trail.at(-1)?.id ?? me.orgUnitId;
  const data = useInvestigation(cid, unitId);
  const rows = data.data?.rows ?? [];
  const drillable = (r: Row) => r.unitId !== unitId;

  return (
    <Card title="排查进度" data-testid="investigation-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          placeholder="扩面任务"
          value={cid}
          onChange={setCampaignId}
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
        pagination={false}
        scroll={useTableScroll(640, 'columns')}
        summary={() =>
          data.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                <Rate rate={data.data.total.employerRate} done={data.data.total.employersInvestigated} issued={data.data.total.employersIssued} unit="户" />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2}>
                <Rate rate={data.data.total.peopleRate} done={data.data.total.peopleInvestigated} issued={data.data.total.peopleIssued} unit="人" />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          {
            title: '单位',
            dataIndex: 'unitName',
            render: (v: string, r) => (drillable(r) ? <a onClick={() => setTrail([...trail, { id: r.unitId, name: v }])}>{v}</a> : v),
          },
          {
            title: '用人单位排查',
            key: 'employers',
            render: (_, r) => <Rate rate={r.employerRate} done={r.employersInvestigated} issued={r.employersIssued} unit="户" />,
          },
          { title: '人员排查', key: 'people', render: (_, r) => <Rate rate={r.peopleRate} done={r.peopleInvestigated} issued={r.peopleIssued} unit="人" /> },
        ]}
      />
    </Card>
  );
}
