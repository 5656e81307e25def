import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { readSession } from '../../api/session';
import { useChangePassword, useMe } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { AuthFrame } from './auth-frame';

type ChangeForm = components['schemas']['ChangePasswordDto'] & { confirm: string };

/** libs/core password-policy.ts, as the API checks it. */
const POLICY = ['至少 10 个字符', '包含小写字母、大写字母、数字、符号四类中的至少三类', '不能包含用户名', '不能是常见密码（如 Admin@2026、P@ssw0rd123）'];

/** The own password: forced after an admin set it (the API refuses everything else until then), or by choice. */
export function ChangePasswordPage() {
  const [form] = Form.useForm<ChangeForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const change = useChangePassword();
  const me = useMe();
  const navigate = useNavigate();
  const state = useLocation().state as { from?: string } | null;
  if (!readSession()) return <Navigate to="/login" replace />;
  const forced = me.data?.mustChangePassword === true;

  const submit = ({ currentPassword, newPassword }: ChangeForm) => {
    setError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => navigate(state?.from?.startsWith('/') ? state.from : '/', { replace: true }),
        onError: (e) => {
          const { error: err, unplaced } = showFieldErrors(form, e);
          setError(unplaced ? err : null);
        },
      },
    );
  };

  return (
    <AuthFrame>
      <Card title={forced ? '首次登录，请修改密码' : '修改密码'} variant="borderless">
        {forced && <Alert type="info" showIcon message="您的密码由管理员设置，修改后才能使用系统。" style={{ marginBottom: 16 }} />}
        <ErrorAlert error={error} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          新密码要求：
          <ul style={{ paddingLeft: 20, margin: '4px 0 0' }}>
            {POLICY.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            修改密码
          </Button>
          {!forced && (
            <Button type="link" block onClick={() => navigate(-1)} style={{ marginTop: 8 }}>
              返回
            </Button>
          )}
        </Form>
      </Card>
    </AuthFrame>
  );
}
