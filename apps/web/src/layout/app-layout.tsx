import { BellOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, ConfigProvider, Drawer, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe, useRoleLabels, useUnit } from '../auth/auth-hooks';
import { rememberPath } from '../lib/last-path';
import { PHONE_THEME, useIsPhone } from '../components/phone';
import { menuFor, menuKeyOf, menuSections } from '../lib/roles';
import { NetworkBadge } from '../pages/field/network-badge';
import { startOutbox } from '../pages/field/visit-outbox';
import { useUnreadCount } from '../pages/notices/inbox-hooks';

const NO_THEME = {};

/**
 * The shell: the menu of the caller's roles (a drawer on phones), the caller and unit in the header, logout; on phones
 * the network state. It remembers the screen for the next login and sends the visits kept on the phone when the signal returns.
 */
export function AppLayout() {
  const me = useMe().data!;
  const roleLabels = useRoleLabels();
  const unit = useUnit(me.orgUnitId).data;
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const qc = useQueryClient();
  useEffect(() => rememberPath(localStorage, me.username, pathname + search), [me.username, pathname, search]);
  useEffect(
    () =>
      startOutbox(me.username, () => {
        void qc.invalidateQueries({ queryKey: ['registry-people'] });
        void qc.invalidateQueries({ queryKey: ['registry-employers'] });
      }),
    [qc, me.username],
  );
  const wide = Grid.useBreakpoint().lg ?? true;
  const phone = useIsPhone();
  const [drawer, setDrawer] = useState(false);
  const entries = menuFor(me.roles);
  const unread = useUnreadCount().data ?? 0;

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[menuKeyOf(pathname, entries)]}
      items={menuSections(entries).flatMap((section) => {
        const items = section.entries.map((m) => ({ key: m.path, label: m.label }));
        return section.group ? [{ type: 'group' as const, key: `group-${section.group}`, label: section.group, children: items }] : items;
      })}
      onClick={({ key }) => {
        setDrawer(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  const roles = roleLabels.names(me.roles);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && (
        <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 24px', fontWeight: 600, fontSize: 16 }}>应保尽保</div>
          {menu}
        </Layout.Sider>
      )}
      <Drawer open={!wide && drawer} onClose={() => setDrawer(false)} placement="left" width={240} title="应保尽保" styles={{ body: { padding: 0 } }}>
        {menu}
      </Drawer>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: wide ? '0 24px' : '0 12px', display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0' }}
        >
          {!wide && <Button type="text" icon={<MenuOutlined />} aria-label="菜单" onClick={() => setDrawer(true)} />}
          <Typography.Text strong ellipsis style={{ flex: 1 }} data-testid="unit-name">
            {unit?.name ?? ''}
          </Typography.Text>
          {!wide && <NetworkBadge />}
          <Badge count={unread} size="small" overflowCount={99}>
            <Button
              type="text"
              icon={<BellOutlined />}
              aria-label={`消息通知，${unread} 条未读`}
              data-testid="notice-bell"
              onClick={() => navigate('/notices')}
            />
          </Badge>
          <Dropdown
            // opened by a click (a tap on phones); a hover menu closes under a pointer that strays
            trigger={['click']}
            menu={{
              items: [
                { key: 'roles', label: roles, disabled: true },
                { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: ({ key }) => {
                if (key === 'password') navigate('/change-password', { state: { from: pathname } });
                if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
              },
            }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu" title={me.username}>
              {me.displayName || me.username}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
          {/* one tree either way: turning a phone does not remount the page */}
          <ConfigProvider theme={phone ? PHONE_THEME : NO_THEME}>
            <Outlet />
          </ConfigProvider>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
