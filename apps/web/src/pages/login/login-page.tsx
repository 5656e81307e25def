import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { useLogin } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { AuthFrame } from './auth-frame';

type LoginForm = components['schemas']['LoginDto'];

/** Username and password; a wrong password or a locked account is answered in the API's words above the form. */
export function LoginPage() {
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const reason = (useLocation().state as { reason?: string } | null)?.reason;
  const from = params.get('from') ?? '/';

  const submit = (values: LoginForm) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (tokens) =>
        tokens.mustChangePassword
          ? navigate('/change-password', { replace: true, state: { from, forced: true } })
          : navigate(from.startsWith('/') ? from : '/', { replace: true }),
      onError: (e) => setError(showFieldErrors(form, e).error),
    });
  };

  return (
    <AuthFrame>
      <Card title="登录" variant="borderless">
        {reason && !error && <Alert type="warning" showIcon message={reason} style={{ marginBottom: 16 }} />}
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          连续 5 次密码错误将锁定账户 15 分钟。忘记密码请联系系统管理员重置。
        </Typography.Paragraph>
      </Card>
    </AuthFrame>
  );
}
