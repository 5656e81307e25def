import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMe, useRoleLabels } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { formatDateTime } from '../../lib/format';
import type { Role } from '../../lib/roles';
import { useOrgUnit } from './org-hooks';
import { QueueBoardButton } from './queue-board-button';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './user-forms';
import { useUsers, type User, type UserListQuery } from './users-hooks';

const SORTS = ['username', 'displayName', 'unitName', 'active', 'createdAt'] as const satisfies readonly NonNullable<UserListQuery['sort']>[];
import { SECONDARY, useTableScroll } from '../../components/phone';

function UnitName({ id }: { id: number }) {
  const unit = useOrgUnit(id);
  return <>{unit.data?.name ?? (unit.isError ? `单位 ${id}` : '…')}</>;
}

/** Users of the caller's subtree (admin): search, role filter, create, edit roles/unit/active, reset a password. */
export function UsersPage() {
  const me = useMe().data!;
  const roles = useRoleLabels();
  const t = useTableParams(['q', 'role'] as const, undefined, SORTS);
  const role = t.filters.role as Role | undefined;
  const isAdmin = me.roles.includes('admin');
  const { page, pageSize, sort, order } = t.query;
  const list = useUsers({ page, pageSize, ...(sort ? { sort, order } : {}), ...(t.filters.q ? { q: t.filters.q } : {}), ...(role ? { role } : {}) });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  if (!isAdmin) {
    return (
      <Card title="用户管理">
        <EmptyHint text="用户与角色由系统管理员维护" next="需要新增用户或调整角色时，请联系系统管理员" />
      </Card>
    );
  }

  return (
    <Card
      title="用户管理"
      extra={
        <Space>
          <QueueBoardButton />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建用户
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="用户名或姓名"
          defaultValue={t.filters.q}
          onSearch={(v) => t.setFilter('q', v.trim() || undefined)}
          style={{ width: 220 }}
        />
        <Select allowClear placeholder="全部角色" style={{ width: 160 }} value={role} onChange={(v) => t.setFilter('role', v)} options={roles.options} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<User>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        scroll={useTableScroll(900, 'columns')}
        locale={{
          emptyText:
            t.filters.q || role ? (
              <EmptyHint text="没有符合条件的用户" next="换一个关键词或角色，或清除筛选" />
            ) : (
              <EmptyHint text="暂无用户" next="点击右上角“新建用户”添加第一个用户" />
            ),
        }}
        columns={[
          { title: '用户名', dataIndex: 'username', ...t.sortable('username'), fixed: 'left', width: 140 },
          { title: '姓名', dataIndex: 'displayName', ...t.sortable('displayName'), width: 100 },
          { title: '所属单位', dataIndex: 'orgUnitId', ...SECONDARY, ...t.sortable('unitName'), render: (id: number) => <UnitName id={id} /> },
          { title: '角色', dataIndex: 'roles', ...SECONDARY, render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{roles.label(r)}</Tag>) },
          { title: '手机', dataIndex: 'phone', ...SECONDARY, width: 120, render: (p: string | null) => p ?? '—' },
          {
            title: '状态',
            ...t.sortable('active'),
            width: 110,
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                {u.active ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>}
                {u.mustChangePassword && <Tag color="warning">待改密码</Tag>}
              </Space>
            ),
          },
          { title: '创建时间', dataIndex: 'createdAt', ...t.sortable('createdAt'), width: 140, render: (v: string) => formatDateTime(v), responsive: ['lg'] },
          {
            title: '操作',
            width: 150,
            render: (_: unknown, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">列表中的手机号码已脱敏显示。</Typography.Text>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}
