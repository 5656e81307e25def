import { Form, Input, Select, Switch } from 'antd';
import { ModalForm, useModalForm } from '../../components/modal-form';
import { useRoleLabels } from '../../auth/auth-hooks';
import type { Role } from '../../lib/roles';
import { UnitTreeSelect } from './unit-tree';
import { useCreateUser, useUpdateUser, useUser, type User } from './users-hooks';

export const PASSWORD_RULE = '至少 10 个字符，含大写字母、小写字母、数字、符号中的 3 类，不能包含用户名，不能是常见密码；用户首次登录时须修改';

/** The fields a new and an edited user share. */
function DetailItems() {
  return (
    <>
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="phone" label="手机号码">
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
        <UnitTreeSelect />
      </Form.Item>
    </>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  phone?: string;
  orgUnitId: number;
  roles: Role[];
  password: string;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const roleOptions = useRoleLabels().options;
  const f = useModalForm<CreateValues>();
  const create = useCreateUser();
  return (
    <ModalForm
      state={f}
      title="新建用户"
      open={open}
      onClose={onClose}
      okText="创建"
      pending={create.isPending}
      onFinish={(v) =>
        create.mutate(
          { ...v, phone: v.phone || undefined },
          f.outcome((u) => `已创建用户 ${u.username}，请把初始密码告知本人`, onClose),
        )
      }
    >
      <Form.Item name="username" label="用户名" extra="3–40 个字母、数字或 _ . -，用于登录" rules={[{ required: true, message: '请填写用户名' }]}>
        <Input autoComplete="off" maxLength={40} />
      </Form.Item>
      <DetailItems />
      <Form.Item name="roles" label="角色" rules={[{ required: true, message: '请至少选择一个角色' }]}>
        <Select mode="multiple" options={roleOptions} placeholder="选择角色" />
      </Form.Item>
      <Form.Item name="password" label="初始密码" extra={PASSWORD_RULE} rules={[{ required: true, message: '请填写初始密码' }]}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </ModalForm>
  );
}

interface EditValues {
  displayName: string;
  phone?: string;
  orgUnitId: number;
  roles: Role[];
  active: boolean;
}

/** Details, unit, roles and active; a role or active change logs the user out everywhere. */
export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const roleOptions = useRoleLabels().options;
  const full = useUser(user.id);
  const f = useModalForm<EditValues>();
  const update = useUpdateUser();
  const d = full.data;
  return (
    <ModalForm
      state={f}
      title={`编辑用户：${user.username}`}
      onClose={onClose}
      pending={update.isPending}
      loading={!d}
      loadError={full.error}
      initialValues={d && { displayName: d.displayName, phone: d.phone ?? '', orgUnitId: d.orgUnitId, roles: d.roles, active: d.active }}
      onFinish={(v) => {
        if (!d) return;
        // only what changed is sent: an unchanged role list must not end the user's sessions
        const body = {
          ...(v.displayName !== d.displayName ? { displayName: v.displayName } : {}),
          ...((v.phone || null) !== d.phone && v.phone ? { phone: v.phone } : {}),
          ...(v.orgUnitId !== d.orgUnitId ? { orgUnitId: v.orgUnitId } : {}),
          ...([...v.roles].sort().join() !== [...d.roles].sort().join() ? { roles: v.roles } : {}),
          ...(v.active !== d.active ? { active: v.active } : {}),
        };
        if (!Object.keys(body).length) return onClose();
        update.mutate({ id: user.id, ...body }, f.outcome('已保存', onClose));
      }}
    >
      <DetailItems />
      <Form.Item name="roles" label="角色" extra="修改角色后，该用户须重新登录" rules={[{ required: true, message: '请至少选择一个角色' }]}>
        <Select mode="multiple" options={roleOptions} />
      </Form.Item>
      <Form.Item name="active" label="启用" valuePropName="checked" extra="停用后该用户立即退出并不能再登录">
        <Switch checkedChildren="启用" unCheckedChildren="停用" />
      </Form.Item>
    </ModalForm>
  );
}

/** An admin's reset: the user must change the password at the next login, and every session ends now. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const f = useModalForm<{ password: string }>();
  const update = useUpdateUser();
  return (
    <ModalForm
      state={f}
      title={`重置密码：${user.username}`}
      onClose={onClose}
      okText="重置"
      pending={update.isPending}
      onFinish={(v) => update.mutate({ id: user.id, password: v.password }, f.outcome('密码已重置，该用户下次登录时须修改密码', onClose))}
    >
      <Form.Item name="password" label="新密码" extra={PASSWORD_RULE} rules={[{ required: true, message: '请填写新密码' }]}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </ModalForm>
  );
}
