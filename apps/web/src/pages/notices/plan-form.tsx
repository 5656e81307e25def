import { Alert, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { CHANNEL, ROUND_TARGET } from '../../lib/office-labels';
import { useCreatePlan, type CreatePlan } from './plans-hooks';
import { useReminderTemplates, useUnitSearch } from './rounds-hooks';

interface Values {
  name: string;
  orgUnitId: number;
  targets: CreatePlan['targets'];
  channel: CreatePlan['channel'];
  templateKind?: string;
  mode: 'dates' | 'every';
  dates?: Dayjs[];
  everyMonths?: number;
  firstOn?: Dayjs;
  untilOn?: Dayjs;
  amount?: number;
  deadlineDays?: number;
  officePhone?: string;
}

/** Plans a campaign's rounds ahead: the dates (or every N months), the target groups, channel, template and its values. */
export function PlanFormModal({ campaignId, open, onClose }: { campaignId: number; open: boolean; onClose: () => void }) {
  const me = useMe().data!;
  const myUnit = useUnit(me.orgUnitId).data;
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<unknown>(null);
  const [unitQuery, setUnitQuery] = useState('');
  const units = useUnitSearch(unitQuery, open);
  const templates = useReminderTemplates(open);
  const create = useCreatePlan();
  const mode = Form.useWatch('mode', form);

  const unitOptions = [
    ...(myUnit ? [{ value: myUnit.id, label: myUnit.name }] : []),
    ...(units.data?.items ?? []).filter((u) => u.id !== myUnit?.id).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` })),
  ];
  const close = () => {
    form.resetFields();
    setBanner(null);
    onClose();
  };
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');
  const submit = (v: Values) =>
    create.mutate(
      {
        campaignId,
        name: v.name.trim(),
        orgUnitId: v.orgUnitId,
        targets: v.targets,
        channel: v.channel,
        ...(v.templateKind ? { templateKind: v.templateKind } : {}),
        ...(v.mode === 'dates'
          ? { dates: (v.dates ?? []).map(day).sort() }
          : {
              ...(v.everyMonths ? { everyMonths: v.everyMonths } : {}),
              ...(v.firstOn ? { firstOn: day(v.firstOn) } : {}),
              ...(v.untilOn ? { untilOn: day(v.untilOn) } : {}),
            }),
        ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}),
        ...(v.deadlineDays ? { deadlineDays: v.deadlineDays } : {}),
        ...(v.officePhone ? { officePhone: v.officePhone.trim() } : {}),
      },
      { onSuccess: close, onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null) },
    );

  return (
    <Modal open={open} title="新建提醒计划" onCancel={close} footer={null} width={720} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="每个日期到来时系统自动开始一轮提醒，每人每轮只发一条；系统停机错过的日期在恢复后补发一次。"
        description="断缴人员年内信息发送不少于 3 次（盐城市三年提升行动计划）。免打扰时段按扩面任务设置（默认 21:00 至次日 08:00）顺延。"
      />
      <ErrorAlert error={banner} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ targets: ['lapsed'], channel: 'sms', orgUnitId: me.orgUnitId, mode: 'dates', deadlineDays: 30 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="计划名称" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }, { max: 80 }]}>
              <Input placeholder="例如：断缴人员续保提醒（年内三次）" maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orgUnitId" label="覆盖范围（单位及其下级）" rules={[{ required: true, message: '请选择单位' }]}>
              <Select showSearch filterOption={false} onSearch={setUnitQuery} loading={units.isFetching} options={unitOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="targets" label="提醒对象" rules={[{ required: true, message: '请至少选择一个提醒对象' }]}>
              <Select mode="multiple" options={Object.entries(ROUND_TARGET).map(([value, t]) => ({ value, label: t.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label="发送渠道" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={Object.entries(CHANNEL).map(([value, t]) => ({ value, label: t.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="templateKind" label="消息模板" extra="不选则每个对象用其默认模板">
              <Select
                allowClear
                loading={templates.isLoading}
                options={(templates.data ?? []).map((t) => ({ value: t.kind, label: `${t.name}（${t.kind}）` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mode" label="提醒时间">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'dates', label: '指定日期' },
                  { value: 'every', label: '每隔几个月' },
                ]}
              />
            </Form.Item>
          </Col>
          {mode !== 'every' ? (
            <Col xs={24}>
              <Form.Item name="dates" label="提醒日期" rules={[{ required: true, message: '请选择提醒日期' }]}>
                <DatePicker multiple style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="everyMonths" label="每隔（月）" rules={[{ required: true, message: '请填写间隔月数' }]}>
                  <InputNumber style={{ width: '100%' }} min={1} max={12} precision={0} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="firstOn" label="首次日期" rules={[{ required: true, message: '请选择首次日期' }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="untilOn" label="截止日期（可选）">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="amount" label="缴费标准（元）">
              <InputNumber style={{ width: '100%' }} min={0} precision={2} placeholder="模板用到时必填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="deadlineDays" label="缴费期限（自然日）" extra="每轮的截止日期 = 提醒日期 + 天数">
              <InputNumber style={{ width: '100%' }} min={1} max={365} precision={0} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="officePhone" label="咨询电话">
              <Input placeholder="例如 0571-88886666" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            保存计划
          </Button>
          <Button onClick={close}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
