import { DownloadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Select, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { downloadFile } from '../../api/download-file';
import { toApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { useTableScroll } from '../../components/phone';
import { formatPercent } from '../../lib/format';
import { useActiveCampaigns } from '../unit/unit-hooks';

type Rates = components['schemas']['HardshipRatesDto'];
type Row = components['schemas']['HardshipRateRowDto'];
type Step = { id: number; name: string };

function useHardshipRates(campaignId: number | undefined, unitId: number) {
  return useQuery({
    queryKey: ['hardship-rates', campaignId, unitId],
    queryFn: () => unwrap<Rates>(api.GET('/api/hardship/rates', { params: { query: { campaignId: campaignId!, unitId } } })),
    enabled: !!campaignId,
    placeholderData: keepPreviousData,
  });
}

/** A rate with what it is of: blank (—) when no one is counted, never 0 % nor 100 %. */
function Rate({ rate, done, of, label }: { rate: string | null; done: number; of: number; label: string }) {
  return (
    <div style={{ minWidth: 110 }}>
      <div>{formatPercent(rate)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label} {done} / {of}
      </Typography.Text>
    </div>
  );
}

const columns = (drill: (r: Row) => void, drillable: (r: Row) => boolean) => [
  { title: '单位', dataIndex: 'unitName', render: (v: string, r: Row) => (drillable(r) ? <a onClick={() => drill(r)}>{v}</a> : v) },
  { title: '困难群体人数', dataIndex: 'listed' },
  { title: '参保登记率', render: (_: unknown, r: Row) => <Rate rate={r.registrationRate} done={r.registered} of={r.listed} label="登记" /> },
  { title: '代缴率', render: (_: unknown, r: Row) => <Rate rate={r.paymentRate} done={r.paid} of={r.registered} label="代缴" /> },
  { title: '待遇享受率', render: (_: unknown, r: Row) => <Rate rate={r.benefitRate} done={r.receiving} of={r.eligible} label="享受" /> },
];

/**
 * /hardship: 三个100% of the hardship groups (seed 003: 低保、特困、重度残疾、低收入人员 whose lowest tier the government pays):
 * registration, payment and benefit rates of my unit (合计) and each unit below, drilling down; XLSX of the same table.
 */
export function HardshipRatesPage() {
  const me = useMe().data!;
  const myUnit = useUnit(me.orgUnitId).data;
  const campaigns = useActiveCampaigns();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<number>();
  const [trail, setTrail] = useState<Step[]>([]);
  const [busy, setBusy] = useState(false);
  const cid = picked ?? campaigns.data?.items[0]?.id;
  const unitId = trail.at(-1)?.id ?? me.orgUnitId;
  const data = useHardshipRates(cid, unitId);
  const unit = data.data?.unit;
  const exportXlsx = () => {
    setBusy(true);
    downloadFile('/api/hardship/rates.xlsx', { campaignId: cid, unitId }, `${unit?.unitName ?? ''}困难群体参保三个100%情况表.xlsx`)
      .then(
        ({ name }) => void message.success(`已导出 ${name}`),
        (e: unknown) => void message.error(toApiError(e).message),
      )
      .finally(() => setBusy(false));
  };
  const cols = columns(
    (r) => setTrail([...trail, { id: r.unitId, name: r.unitName }]),
    (r) => r.listed > 0,
  );

  return (
    <Card
      title="困难群体三个100%"
      data-testid="hardship-rates-page"
      extra={
        <Button icon={<DownloadOutlined />} loading={busy} disabled={!cid} onClick={exportXlsx}>
          导出Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          placeholder="扩面任务"
          value={cid}
          onChange={(v: number) => {
            setPicked(v);
            setTrail([]);
          }}
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
        dataSource={data.data?.children ?? []}
        pagination={false}
        scroll={useTableScroll(640, 'columns')}
        columns={cols}
        summary={() =>
          unit ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{unit.listed}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>
                <Rate rate={unit.registrationRate} done={unit.registered} of={unit.listed} label="登记" />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3}>
                <Rate rate={unit.paymentRate} done={unit.paid} of={unit.registered} label="代缴" />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4}>
                <Rate rate={unit.benefitRate} done={unit.receiving} of={unit.eligible} label="享受" />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        参保登记率 = 已登记 / 名单人数；代缴率 = 政府已代缴 / 已登记（最低档次 100 元/年）；待遇享受率 = 享受待遇 / 年满60周岁人数。无人可计的比率显示为“—”。
      </Typography.Paragraph>
    </Card>
  );
}
