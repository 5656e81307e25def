import { App, Form, type FormInstance, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { LEVEL_LABELS, useCreateUnit, useMoveUnit, useUpdateUnit, type OrgLevel, type OrgUnit } from './org-hooks';
import { UnitTreeSelect } from './unit-tree';

/** The level a new unit under `parent` usually has. */
const NEXT_LEVEL: Partial<Record<OrgLevel, OrgLevel>> = { city: 'district', district: 'town', town: 'village' };

/** A form modal: API field errors beside their fields, anything else above them. */
function useFormErrors() {
  const [banner, setBanner] = useState<unknown>(null);
  return {
    banner,
    clear: () => setBanner(null),
    onError: (form: FormInstance) => (e: unknown) => {
      const { error, unplaced } = showFieldErrors(form, e);
      setBanner(unplaced ? error : null);
    },
  };
}

export function CreateUnitModal({
  parent,
  open,
  onClose,
  onCreated,
}: {
  parent: OrgUnit;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const [form] = Form.useForm();
  const create = useCreateUnit();
  const errors = useFormErrors();
  const { message } = App.useApp();
  const level = Form.useWatch('level', form) as OrgLevel | undefined;
  return (
    <Modal
      title={`在“${parent.name}”下新增单位`}
      open={open}
      onCancel={onClose}
      okText="保存"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={errors.banner} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ level: NEXT_LEVEL[parent.level] ?? 'village' }}
        onFinish={(v: { code: string; name: string; level: OrgLevel; duty?: string }) =>
          create.mutate(
            { ...v, parentId: parent.id, duty: v.duty || undefined },
            {
              onSuccess: (u) => {
                message.success(`已新增单位：${u.name}`);
                onCreated(u.id);
              },
              onError: errors.onError(form),
            },
          )
        }
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label="单位代码"
          extra="唯一，只能包含字母、数字、- 和 _，最多 40 个字符"
          rules={[
            { required: true, message: '请填写单位代码' },
            { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: '代码只能包含字母、数字、- 和 _，最多 40 个字符' },
          ]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="level" label="层级" rules={[{ required: true }]}>
          <Select options={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {level === 'agency' && (
          <Form.Item name="duty" label="职责" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function EditUnitModal({ unit, open, onClose }: { unit: OrgUnit; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const update = useUpdateUnit();
  const errors = useFormErrors();
  const { message } = App.useApp();
  return (
    <Modal
      title={`编辑单位：${unit.name}`}
      open={open}
      onCancel={onClose}
      okText="保存"
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={errors.banner} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: unit.name, duty: unit.duty ?? '' }}
        onFinish={(v: { name: string; duty?: string }) =>
          update.mutate(
            { id: unit.id, name: v.name, ...(unit.level === 'agency' ? { duty: v.duty ?? '' } : {}) },
            {
              onSuccess: () => {
                message.success('已保存');
                onClose();
              },
              onError: errors.onError(form),
            },
          )
        }
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        {unit.level === 'agency' && (
          <Form.Item name="duty" label="职责" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function MoveUnitModal({ unit, open, onClose }: { unit: OrgUnit; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const move = useMoveUnit();
  const errors = useFormErrors();
  const { message } = App.useApp();
  return (
    <Modal
      title={`移动单位：${unit.name}`}
      open={open}
      onCancel={onClose}
      okText="移动"
      confirmLoading={move.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <p style={{ color: 'rgba(0,0,0,0.65)' }}>该单位及其全部下级单位将一起移到新的上级单位下。承担着未结束活动任务的单位不能移动。</p>
      <ErrorAlert error={errors.banner} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v: { parentId: number }) =>
          move.mutate(
            { id: unit.id, parentId: v.parentId },
            {
              onSuccess: () => {
                message.success('已移动');
                onClose();
              },
              onError: errors.onError(form),
            },
          )
        }
      >
        <Form.Item name="parentId" label="新的上级单位" rules={[{ required: true, message: '请选择新的上级单位' }]}>
          <UnitTreeSelect disabledIds={[unit.id]} placeholder="选择上级单位" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
