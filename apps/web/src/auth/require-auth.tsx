import { Flex, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { readSession } from '../api/session';
import { ErrorAlert } from '../components/error-alert';
import { useMe } from './auth-hooks';

/** Screens behind the login: no token → the login page (coming back here after); a password to change → that page first. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();
  const from = location.pathname + location.search;
  if (!readSession()) return <Navigate to={`/login${from === '/' ? '' : `?from=${encodeURIComponent(from)}`}`} replace />;
  if (me.isPending)
    return (
      <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
        <Spin size="large" />
      </Flex>
    );
  if (me.isError) return <ErrorAlert error={me.error} style={{ margin: 24 }} />;
  if (me.data.mustChangePassword) return <Navigate to="/change-password" replace state={{ from }} />;
  return <Outlet />;
}
