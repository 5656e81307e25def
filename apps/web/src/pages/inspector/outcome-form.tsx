import { App, Button, Form, Input, InputNumber, Radio } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { OUTCOME_FIELDS, OUTCOME_LABELS, outcomeBody, type FieldSpec, type OutcomeField } from './case-labels';
import { useRecordOutcome, type CaseOutcomeBody, type CaseOutcomeKind } from './inspector-hooks';

type Values = { kind: CaseOutcomeKind } & Partial<Record<Exclude<OutcomeField, 'deadline'>, unknown>> & { deadline?: Dayjs | null };

const ENDS_CASE: CaseOutcomeKind[] = ['rectified', 'closed'];

/** The input of one field; Form.Item's id, value and onChange pass through to the antd control. */
function FieldInput({ spec, ...control }: { spec: FieldSpec } & Record<string, unknown>) {
  switch (spec.field) {
    case 'deadline':
      return <DatePicker {...control} style={{ width: '100%' }} placeholder="选择改正期限" />;
    case 'enrolledCount':
      return <InputNumber {...control} style={{ width: '100%' }} min={0} precision={0} addonAfter="人" inputMode="numeric" />;
    case 'amount':
      return <InputNumber {...control} style={{ width: '100%' }} min={0} precision={2} addonAfter="元" inputMode="decimal" />;
    default:
      return <Input.TextArea {...control} rows={3} maxLength={spec.field === 'reason' ? 1000 : 4000} showCount />;
  }
}

/** Records what the inspector did on a case: the outcome picked shows only the fields it needs; the API's refusals appear next to them. */
export function OutcomeForm({ caseId, onRecorded }: { caseId: number; onRecorded?: (kind: CaseOutcomeKind) => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<unknown>(null);
  const record = useRecordOutcome(caseId);
  const kind = Form.useWatch('kind', form) ?? 'visited';

  const send = (v: Values) => {
    const body = outcomeBody(v.kind, { ...v, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined }) as CaseOutcomeBody;
    setBanner(null);
    record.mutate(body, {
      onSuccess: () => {
        message.success(`已登记：${OUTCOME_LABELS[v.kind]}`);
        form.resetFields();
        onRecorded?.(v.kind);
      },
      onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
    });
  };
  const submit = (v: Values) =>
    ENDS_CASE.includes(v.kind)
      ? modal.confirm({
          title: `登记“${OUTCOME_LABELS[v.kind]}”后案件即结案，不能再修改。确认登记？`,
          okText: '确认登记',
          cancelText: '再看看',
          onOk: () => send(v),
        })
      : send(v);

  return (
    <>
      <ErrorAlert error={banner} />
      <Form form={form} layout="vertical" initialValues={{ kind: 'visited' }} onFinish={submit} onValuesChange={(c) => 'kind' in c && setBanner(null)}>
        <Form.Item name="kind" label="处理结果">
          <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {OUTCOME_FIELDS[kind].map((spec) => (
          <Form.Item
            key={`${kind}-${spec.field}`}
            name={spec.field}
            label={spec.label}
            rules={spec.required ? [{ required: true, message: `请填写${spec.label}` }] : []}
            extra={spec.field === 'deadline' ? '到期前按任务设置提醒您；逾期未改正的，通知部门负责人。' : undefined}
          >
            <FieldInput spec={spec} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={record.isPending} block>
          登记{OUTCOME_LABELS[kind]}
        </Button>
      </Form>
    </>
  );
}
