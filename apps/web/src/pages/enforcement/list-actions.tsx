import { Alert, App, Checkbox, Form, Input, Modal, Spin } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { formatCount } from '../../lib/format';
import { useDepartments, useDispatchList, useRemoveEntry, type InspectionList, type ListEntry } from './enforcement-hooks';

/** Takes an employer off a list not yet dispatched; the reason is required and kept with the entry. */
export function RemoveEntryModal({ listId, entry, onClose }: { listId: number; entry?: ListEntry; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [banner, setBanner] = useState<unknown>(null);
  const remove = useRemoveEntry();
  const close = () => {
    form.resetFields();
    setBanner(null);
    onClose();
  };
  return (
    <Modal
      open={entry !== undefined}
      title={`移出名单：${entry?.name ?? ''}`}
      okText="确认移出"
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={remove.isPending}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={banner} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          remove.mutate(
            { listId, entryId: entry!.id, reason: v.reason.trim() },
            {
              onSuccess: (e) => {
                message.success(`已将 ${e.name} 移出名单`);
                close();
              },
              onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label="移出原因"
          rules={[
            { required: true, whitespace: true, message: '请填写移出原因' },
            { min: 2, max: 1000, message: '移出原因 2 至 1000 字' },
          ]}
          extra="原因会记入名单和操作日志，导出的名单中也会显示。"
        >
          <Input.TextArea rows={3} placeholder="例如：已于 9 月 12 日补缴参保" maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Sends the reviewed list to departments (labour inspection, audit): each opens one case per employer on it. */
export function DispatchModal({ list, open, onClose }: { list: InspectionList; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ departmentIds: number[] }>();
  const [banner, setBanner] = useState<unknown>(null);
  const departments = useDepartments(open);
  const dispatch = useDispatchList();
  const close = () => {
    form.resetFields();
    setBanner(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title="派发重点检查名单"
      okText="确认派发"
      onOk={() => form.submit()}
      confirmLoading={dispatch.isPending}
      onCancel={close}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={`将 ${formatCount(list.entryCount, ' 家')}用人单位派发给所选部门`}
        description="派发后名单不能再移出企业；每个部门为每家企业各立一案，部门负责人会收到通知。"
      />
      <ErrorAlert error={banner ?? departments.error} />
      {departments.isLoading && <Spin />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          dispatch.mutate(
            { listId: list.id, departmentIds: v.departmentIds },
            {
              onSuccess: (r) => {
                message.success(`已派发，立案 ${r.casesOpened.reduce((s, c) => s + c.count, 0)} 件`);
                close();
              },
              onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
            },
          )
        }
      >
        <Form.Item name="departmentIds" label="接收部门" rules={[{ required: true, message: '请至少选择一个接收部门' }]}>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
