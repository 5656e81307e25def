import { Form, Input, Select } from 'antd';
import { ModalForm, useModalForm } from '../../components/modal-form';
import { LEVEL_LABELS, useCreateUnit, useMoveUnit, useUpdateUnit, type OrgLevel, type OrgUnit } from './org-hooks';
import { UnitTreeSelect } from './unit-tree';

/** The level a new unit under `parent` usually has. */
const NEXT_LEVEL: Partial<Record<OrgLevel, OrgLevel>> = { city: 'district', district: 'town', town: 'village' };

const NAME_RULES = [{ required: true, message: '请填写单位名称' }, { max: 100 }];

function DutyItem() {
  return (
    <Form.Item name="duty" label="职责" rules={[{ max: 2000 }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
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
  const f = useModalForm<{ code: string; name: string; level: OrgLevel; duty?: string }>();
  const create = useCreateUnit();
  const level = Form.useWatch('level', f.form);
  return (
    <ModalForm
      state={f}
      title={`在“${parent.name}”下新增单位`}
      open={open}
      onClose={onClose}
      pending={create.isPending}
      initialValues={{ level: NEXT_LEVEL[parent.level] ?? 'village' }}
      onFinish={(v) =>
        create.mutate(
          { ...v, parentId: parent.id, duty: v.duty || undefined },
          f.outcome(
            (u) => `已新增单位：${u.name}`,
            (u) => onCreated(u.id),
          ),
        )
      }
    >
      <Form.Item name="name" label="单位名称" rules={NAME_RULES}>
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
      {level === 'agency' && <DutyItem />}
    </ModalForm>
  );
}

export function EditUnitModal({ unit, open, onClose }: { unit: OrgUnit; open: boolean; onClose: () => void }) {
  const f = useModalForm<{ name: string; duty?: string }>();
  const update = useUpdateUnit();
  return (
    <ModalForm
      state={f}
      title={`编辑单位：${unit.name}`}
      open={open}
      onClose={onClose}
      pending={update.isPending}
      initialValues={{ name: unit.name, duty: unit.duty ?? '' }}
      onFinish={(v) => update.mutate({ id: unit.id, name: v.name, ...(unit.level === 'agency' ? { duty: v.duty ?? '' } : {}) }, f.outcome('已保存', onClose))}
    >
      <Form.Item name="name" label="单位名称" rules={NAME_RULES}>
        <Input maxLength={100} />
      </Form.Item>
      {unit.level === 'agency' && <DutyItem />}
    </ModalForm>
  );
}

export function MoveUnitModal({ unit, open, onClose }: { unit: OrgUnit; open: boolean; onClose: () => void }) {
  const f = useModalForm<{ parentId: number }>();
  const move = useMoveUnit();
  return (
    <ModalForm
      state={f}
      title={`移动单位：${unit.name}`}
      open={open}
      onClose={onClose}
      okText="移动"
      pending={move.isPending}
      intro={<p style={{ color: 'rgba(0,0,0,0.65)' }}>该单位及其全部下级单位将一起移到新的上级单位下。承担着未结束活动任务的单位不能移动。</p>}
      onFinish={(v) => move.mutate({ id: unit.id, parentId: v.parentId }, f.outcome('已移动', onClose))}
    >
      <Form.Item name="parentId" label="新的上级单位" rules={[{ required: true, message: '请选择新的上级单位' }]}>
        <UnitTreeSelect disabledIds={[unit.id]} placeholder="选择上级单位" />
      </Form.Item>
    </ModalForm>
  );
}
