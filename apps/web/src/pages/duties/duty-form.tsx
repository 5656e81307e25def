import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { ModalForm, useModalForm } from '../../components/modal-form';
import { useDepartments } from '../enforcement/enforcement-hooks';
import { useDutyCatalogue, useDutyChanges, type Duty, type DutyInput } from './duties-hooks';

type Values = { orgUnitId: number; code: DutyInput['code']; cadence: DutyInput['cadence']; dueDay?: number; dueOn?: Dayjs; note?: string };

const CADENCES = [
  { value: 'once', label: '一次' },
  { value: 'monthly', label: '每月' },
  { value: 'quarterly', label: '每季度' },
];

/**
 * The office gives a member department a duty from the catalogue (what data, how often, due when), or changes one
 * (`duty`: its department and data stay; its frequency, due day or date and note change). Field errors of the API
 * show beside their fields.
 */
export function DutyForm({ campaignId, duty, onClose }: { campaignId: number; duty?: Duty; onClose: () => void }) {
  const state = useModalForm<Values>();
  const departments = useDepartments(!duty);
  const catalogue = useDutyCatalogue(!duty);
  const changes = useDutyChanges(campaignId);
  const cadence = Form.useWatch('cadence', state.form) ?? duty?.cadence ?? 'monthly';
  const pending = changes.create.isPending || changes.update.isPending;

  const submit = (v: Values) => {
    const schedule =
      v.cadence === 'once' ? { cadence: v.cadence, dueOn: v.dueOn?.format('YYYY-MM-DD') } : { cadence: v.cadence, dueDay: v.dueDay ?? undefined };
    const note = v.note?.trim() ? v.note.trim() : undefined;
    if (duty) changes.update.mutate({ id: duty.id, body: { ...schedule, note } }, state.outcome('已保存报送职责', onClose));
    else changes.create.mutate({ orgUnitId: v.orgUnitId, code: v.code, ...schedule, note }, state.outcome('已登记报送职责，将按截止日提醒', onClose));
  };

  return (
    <ModalForm<Values>
      state={state}
      title={duty ? `修改报送职责：${duty.departmentName} ${duty.label}` : '登记成员单位报送职责'}
      onClose={onClose}
      pending={pending}
      okText={duty ? '保存' : '登记'}
      loadError={departments.error ?? catalogue.error}
      initialValues={
        duty
          ? { cadence: duty.cadence, dueDay: duty.dueDay ?? undefined, dueOn: duty.dueOn ? dayjs(duty.dueOn) : undefined, note: duty.note ?? undefined }
          : { cadence: 'monthly' }
      }
      onFinish={submit}
    >
      {!duty && (
        <>
          <Form.Item name="orgUnitId" label="成员单位" rules={[{ required: true, message: '请选择成员单位' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={departments.isLoading}
              placeholder="选择成员单位（部门）"
              options={(departments.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="code" label="报送数据" rules={[{ required: true, message: '请选择报送数据' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={catalogue.isLoading}
              placeholder="从职责目录中选择"
              options={(catalogue.data ?? []).map((c) => ({ value: c.code, label: `${c.label}（${c.department}）` }))}
            />
          </Form.Item>
        </>
      )}
      <Form.Item name="cadence" label="报送频次" rules={[{ required: true, message: '请选择报送频次' }]}>
        <Radio.Group options={CADENCES} optionType="button" />
      </Form.Item>
      {cadence === 'once' ? (
        <Form.Item name="dueOn" label="报送截止日期" rules={[{ required: true, message: '请选择报送截止日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Form.Item
          name="dueDay"
          label={cadence === 'monthly' ? '每月报送日' : '每季度末月报送日'}
          extra="1–31；大于当月天数时为当月最后一天"
          rules={[{ required: true, message: '请填写报送日' }]}
        >
          <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </ModalForm>
  );
}
