import { Alert, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { CHANNEL, ROUND_TARGET } from '../../lib/office-labels';
import { usePlanRound, usePreview, useReminderTemplates, useUnitSearch, type PlanRound, type Round } from './rounds-hooks';

interface Values {
  name: string;
  orgUnitId: number;
  target: PlanRound['target'];
  channel: PlanRound['channel'];
  templateKind?: string;
  plannedFor: Dayjs;
  amount?: number;
  deadline?: Dayjs;
  officePhone?: string;
}

/** Plans a round: who (target group in a subtree), how (channel, template), and the values its template fills in. */
export function RoundPlanModal({
  campaignId,
  open,
  onClose,
  onPlanned,
}: {
  campaignId: number;
  open: boolean;
  onClose: () => void;
  onPlanned: (r: Round) => void;
}) {
  const me = useMe().data!;
  const myUnit = useUnit(me.orgUnitId).data;
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<unknown>(null);
  const [unitQuery, setUnitQuery] = useState('');
  const units = useUnitSearch(unitQuery, open);
  const templates = useReminderTemplates(open);
  const plan = usePlanRound();
  const preview = usePreview();
  const target = Form.useWatch('target', form);
  const kind = Form.useWatch('templateKind', form) ?? (target ? `reminder.${target}` : undefined);

  const unitOptions = [
    ...(myUnit ? [{ value: myUnit.id, label: myUnit.name }] : []),
    ...(units.data?.items ?? []).filter((u) => u.id !== myUnit?.id).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` })),
  ];

  const close = () => {
    form.resetFields();
    setBanner(null);
    preview.reset();
    onClose();
  };
  const valuesOf = (v: Partial<Values>) => ({
    ...(v.amount !== undefined && v.amount !== null ? { amount: String(v.amount) } : {}),
    ...(v.deadline ? { deadline: v.deadline.format('YYYY年M月D日') } : {}),
    ...(v.officePhone ? { officePhone: v.officePhone } : {}),
  });
  const submit = (v: Values) =>
    plan.mutate(
      {
        campaignId,
        name: v.name.trim(),
        orgUnitId: v.orgUnitId,
        target: v.target,
        channel: v.channel,
        ...(v.templateKind ? { templateKind: v.templateKind } : {}),
        plannedFor: v.plannedFor.format('YYYY-MM-DD'),
        ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}),
        ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
        ...(v.officePhone ? { officePhone: v.officePhone.trim() } : {}),
      },
      {
        onSuccess: (r) => {
          close();
          onPlanned(r);
        },
        onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
      },
    );

  return (
    <Modal open={open} title="计划提醒轮次" onCancel={close} footer={null} width={720} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="免打扰时段（扩面任务设置，默认每天 21:00 至次日 08:00）不发送短信和政务推送，这段时间内的消息顺延到时段结束后发出。"
        description="同一人本轮只发一条；已参保的人员会自动跳过。"
      />
      <ErrorAlert error={banner} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ target: 'lapsed', channel: 'sms', orgUnitId: me.orgUnitId }}
        onValuesChange={() => preview.reset()}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="轮次名称" rules={[{ required: true, whitespace: true, message: '请填写轮次名称' }, { max: 80 }]}>
              <Input placeholder="例如：十一月断缴提醒" maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orgUnitId" label="覆盖范围（单位及其下级）" rules={[{ required: true, message: '请选择单位' }]}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setUnitQuery}
                loading={units.isFetching}
                options={unitOptions}
                placeholder="输入名称或代码查找"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="target" label="提醒对象" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={Object.entries(ROUND_TARGET).map(([value, t]) => ({ value, label: t.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label="发送渠道" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={Object.entries(CHANNEL).map(([value, t]) => ({ value, label: t.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="templateKind" label="消息模板" extra="不选则用该对象的默认模板">
              <Select
                allowClear
                loading={templates.isLoading}
                placeholder={target ? `默认（reminder.${target}）` : '默认'}
                options={(templates.data ?? []).map((t) => ({ value: t.kind, label: `${t.name}（${t.kind}）` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="plannedFor" label="计划发送日期" rules={[{ required: true, message: '请选择计划发送日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="amount" label="缴费标准（元）">
              <InputNumber style={{ width: '100%' }} min={0} precision={2} placeholder="模板用到时必填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="deadline" label="缴费截止日期">
              <DatePicker style={{ width: '100%' }} placeholder="模板用到时必填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="officePhone" label="咨询电话">
              <Input placeholder="例如 0571-88886666" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        {preview.data && (
          <Alert
            type="success"
            style={{ marginBottom: 16 }}
            message={`短信预览（${preview.data.length} 字）`}
            description={preview.data.text}
            data-testid="round-preview"
          />
        )}
        <ErrorAlert error={preview.error} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={plan.isPending}>
            保存计划
          </Button>
          <Button disabled={!kind} loading={preview.isPending} onClick={() => kind && preview.mutate({ kind, values: valuesOf(form.getFieldsValue()) })}>
            预览短信
          </Button>
          <Button onClick={close}>取消</Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          保存后在列表中点击“开始发送”，系统按名册逐人生成并发送消息。
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
