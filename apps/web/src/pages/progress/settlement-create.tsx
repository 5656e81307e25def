import { Button, Form, Modal, Select, Space } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { businessToday, formatCount, formatDate } from '../../lib/format';
import { useCreateSettlement, useSettleableTasks } from './settlements-hooks';

/** Settles a task's subtree now, as of a date (default: its deadline, or today if that is later); an existing one for that period is opened instead. */
export function SettlementCreateModal({
  campaignId,
  unitId,
  open,
  onClose,
  onCreated,
}: {
  campaignId: number;
  unitId?: number;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const [form] = Form.useForm<{ taskId: number; asOf?: Dayjs }>();
  const [banner, setBanner] = useState<unknown>(null);
  const tasks = useSettleableTasks(campaignId, unitId, open);
  const create = useCreateSettlement();
  const close = () => {
    form.resetFields();
    setBanner(null);
    onClose();
  };
  return (
    <Modal open={open} title="发起奖惩结算" onCancel={close} footer={null} destroyOnHidden>
      <ErrorAlert error={banner ?? tasks.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { taskId: v.taskId, ...(v.asOf ? { asOf: v.asOf.format('YYYY-MM-DD') } : {}) },
            {
              onSuccess: (s) => {
                close();
                onCreated(s.id);
              },
              onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
            },
          )
        }
      >
        <Form.Item
          name="taskId"
          label="结算的任务"
          rules={[{ required: true, message: '请选择要结算的任务' }]}
          extra="只有“新增参保人数”类指标按人头奖惩；结算覆盖该任务及其下级。"
        >
          <Select
            loading={tasks.isLoading}
            placeholder="选择指标任务"
            options={(tasks.data ?? []).map((t) => ({
              value: t.id,
              label: `${t.indicatorName}（${t.holderName}，目标 ${formatCount(t.target)}，截止 ${formatDate(t.deadline)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="asOf" label="进度截至日期" extra="不选则为任务截止日（尚未到期时为今天）。">
          <DatePicker style={{ width: '100%' }} placeholder="默认" disabledDate={(d) => d.format('YYYY-MM-DD') > businessToday()} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            计算结算
          </Button>
          <Button onClick={close}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
