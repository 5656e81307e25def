import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { toApiError } from '../../api/errors';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday, formatDate } from '../../lib/format';
import { formatFigure } from './figures';
import { batchOf, formFieldOf, messageOnRow, type ReportFormRow } from './report-rows';
import { ReportUploadCard } from './report-upload';
import { useActiveCampaigns, useBatchReport, useChildUnits, useLatestReports, useTaskDetails, useUnitTasks, type BatchAnswer, type Task } from './unit-hooks';

interface Values {
  asOf: Dayjs;
  rows: { actual?: string | null; denominator?: string | null; rate?: string | null; reason?: string | null }[];
}

/** The default report date: today, kept inside the campaign's period. */
function defaultDate(startsOn?: string, endsOn?: string): Dayjs {
  const today = businessToday();
  const d = endsOn && today > endsOn ? endsOn : startsOn && today < startsOn ? startsOn : today;
  return dayjs(d);
}

/**
 * /progress/report: every indicator of my unit (or a unit below) for one date in one form, sent as one batch; the
 * API takes all rows or none, and each bad row's error shows next to its input. Below it, a progress table uploaded
 * as a file (ReportUploadCard) for the units below.
 */
export function ReportPage() {
  const { message } = App.useApp();
  const me = useMe().data!;
  const myUnit = useUnit(me.orgUnitId).data;
  const children = useChildUnits(me.orgUnitId);
  const campaigns = useActiveCampaigns();
  const [campaignId, setCampaignId] = useState<number>();
  const [unitId, setUnitId] = useState<number>(me.orgUnitId);
  const campaign = campaigns.data?.items.find((c) => c.id === campaignId);
  useEffect(() => {
    if (!campaignId && campaigns.data?.items.length) setCampaignId(campaigns.data.items[0].id);
  }, [campaignId, campaigns.data]);
  const tasks = useUnitTasks(unitId, campaignId);
  const list = useMemo(() => tasks.data?.items ?? [], [tasks.data]);
  const details = useTaskDetails(list.map((t) => t.id));
  const latest = useLatestReports(list.map((t) => t.id));
  const [form] = Form.useForm<Values>();
  const batch = useBatchReport();
  const [banner, setBanner] = useState<unknown>(null);
  const [done, setDone] = useState<BatchAnswer | null>(null);

  useEffect(() => {
    form.setFieldsValue({ asOf: defaultDate(campaign?.startsOn, campaign?.endsOn), rows: list.map(() => ({})) });
  }, [form, list, campaign?.startsOn, campaign?.endsOn]);

  const reportable = (i: number) => {
    const d = details[i]?.data;
    return !!d && !d.allocation;
  };

  const onFinish = (v: Values) => {
    setBanner(null);
    setDone(null);
    form.setFields(list.flatMap((_, i) => (['actual', 'denominator', 'rate', 'reason'] as const).map((f) => ({ name: ['rows', i, f], errors: [] }))));
    const rows: ReportFormRow[] = list.map((t, i) => ({ taskId: t.id, kind: t.kind, reportable: reportable(i), ...v.rows?.[i] }));
    const { body, formIndex } = batchOf(v.asOf.format('YYYY-MM-DD'), rows);
    if (!body.rows.length) {
      message.warning('请至少填写一项指标的累计完成数');
      return;
    }
    batch.mutate(body, {
      onSuccess: (a) => {
        setDone(a);
        message.success(`已上报 ${a.reports.length} 项指标（${a.asOf}）`);
        form.setFieldsValue({ rows: list.map(() => ({})) });
      },
      onError: (e) => {
        const err = toApiError(e);
        const placed = err.fields.flatMap((f) => {
          const name = formFieldOf(f.field, formIndex);
          return name ? [{ name, errors: [messageOnRow(f.message)] }] : [];
        });
        form.setFields(placed as never);
        setBanner(placed.length < err.fields.length || !err.fields.length ? e : null);
        if (placed.length) message.error(`${new Set(placed.map((p) => p.name[1])).size} 项未通过校验，本次均未保存，请按提示修改`);
      },
    });
  };

  const units = [
    { value: me.orgUnitId, label: myUnit?.name ?? '本单位' },
    ...(children.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
  ];

  return (
    <>
      <Card title="上报进度" data-testid="report-page">
        <Typography.Paragraph type="secondary">
          填写截至所选日期的累计完成数，一次提交本单位全部指标；任何一项有误则全部不保存，错误显示在对应指标旁。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 220 }}
            aria-label="扩面任务"
            placeholder="扩面任务"
            value={campaignId}
            onChange={setCampaignId}
            options={campaigns.data?.items.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select style={{ width: 180 }} aria-label="上报单位" value={unitId} onChange={setUnitId} options={units} />
        </Space>
        <ErrorAlert error={tasks.error ?? campaigns.error} />
        {done && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="report-done"
            message={`已保存 ${done.reports.length} 项指标截至 ${done.asOf} 的累计完成数`}
          />
        )}
        <ErrorAlert error={banner} />
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="asOf" label="截至日期" rules={[{ required: true, message: '请选择日期' }]} style={{ maxWidth: 240 }}>
            <DatePicker
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => {
                const s = d.format('YYYY-MM-DD');
                return s > businessToday() || (!!campaign && (s < campaign.startsOn || s > campaign.endsOn));
              }}
            />
          </Form.Item>
          <Form.List name="rows">
            {() => (
              <Table<Task>
                rowKey="id"
                size="small"
                pagination={false}
                loading={tasks.isFetching}
                dataSource={list}
                scroll={{ x: 900 }}
                locale={{ emptyText: <EmptyHint text="该单位在此任务中没有指标" next="上级分解到本单位的指标会出现在这里" /> }}
                columns={[
                  {
                    title: '指标',
                    dataIndex: 'indicatorName',
                    width: 200,
                    render: (v: string, t) => (
                      <>
                        {v}
                        {t.holderUserId ? <Tag style={{ marginLeft: 4 }}>干部分担</Tag> : null}
                      </>
                    ),
                  },
                  { title: '目标', dataIndex: 'target', width: 100, render: (v: string, t) => formatFigure(t.kind, t.unit, v) },
                  {
                    title: '最近上报',
                    key: 'latest',
                    width: 140,
                    render: (_, t, i) => {
                      const r = latest[i]?.data;
                      if (!r) return <Typography.Text type="secondary">尚未上报</Typography.Text>;
                      return (
                        <>
                          {r.rateOnly ? (
                            <>
                              {formatFigure('ratio', 'percent', r.rate)} <Tag color="blue">按比率填报</Tag>
                            </>
                          ) : t.kind === 'ratio' ? (
                            `${r.actual} / ${r.denominator}`
                          ) : (
                            formatFigure(t.kind, t.unit, r.actual)
                          )}
                          <div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              截至 {formatDate(r.asOf)}
                            </Typography.Text>
                          </div>
                        </>
                      );
                    },
                  },
                  {
                    title: '累计完成数',
                    key: 'actual',
                    render: (_, t, i) =>
                      reportable(i) ? (
                        <Space align="start" wrap>
                          <Form.Item name={[i, 'actual']} style={{ margin: 0 }}>
                            <InputNumber
                              stringMode
                              min="0"
                              aria-label={`${t.indicatorName}${t.kind === 'ratio' ? '分子' : '累计完成数'}`}
                              placeholder={t.kind === 'ratio' ? '参保人数' : '累计数'}
                              style={{ width: 140 }}
                            />
                          </Form.Item>
                          {t.kind === 'ratio' && (
                            <Form.Item name={[i, 'denominator']} style={{ margin: 0 }}>
                              <InputNumber stringMode min="0" aria-label={`${t.indicatorName}分母`} placeholder="应参保人数" style={{ width: 140 }} />
                            </Form.Item>
                          )}
                          {t.kind === 'ratio' && (
                            <Form.Item name={[i, 'rate']} style={{ margin: 0 }} extra="无分子分母时只填比率">
                              <InputNumber
                                stringMode
                                min="0"
                                max="100"
                                addonBefore="或"
                                addonAfter="%"
                                aria-label={`${t.indicatorName}比率`}
                                placeholder="参保率"
                                style={{ width: 170 }}
                              />
                            </Form.Item>
                          )}
                        </Space>
                      ) : details[i]?.data ? (
                        <Typography.Text type="secondary">已分解，由下级上报</Typography.Text>
                      ) : null,
                  },
                  {
                    title: '更正原因',
                    key: 'reason',
                    width: 200,
                    render: (_, t, i) =>
                      reportable(i) ? (
                        <Form.Item name={[i, 'reason']} style={{ margin: 0 }}>
                          <Input aria-label={`${t.indicatorName}更正原因`} placeholder="低于上次或更正时必填" maxLength={500} />
                        </Form.Item>
                      ) : null,
                  },
                ]}
              />
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={batch.isPending} disabled={!list.length} style={{ marginTop: 16 }}>
            提交上报
          </Button>
        </Form>
      </Card>
      <ReportUploadCard campaignId={campaignId} />
    </>
  );
}
