import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../../api.js';
import { useAuth } from '../../auth/auth-context.js';
import { Brand, DEPARTMENT } from '../../components/brand.js';

interface LoginForm {
  username: string;
  password: string;
}

interface LoginState {
  from?: string;
  expired?: boolean;
}

export function LoginPage() {
  const { user, expired, setUser } = useAuth();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = state.from && state.from.startsWith('/console') ? state.from : '/console';

  if (user) return <Navigate to={target} replace />;

  const onFinish = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const { user: signedIn } = await api.login(username.trim(), password);
      setUser(signedIn);
      navigate(target, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? err.message || '用户名或密码错误' : errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <header className="login-header">
        <Link to="/">
          <Brand light />
        </Link>
      </header>
      <main className="login-main">
        <Card className="login-card" title="管理后台登录" variant="borderless">
          {(expired || state.expired) && !error && (
            <Alert type="warning" showIcon message="登录已失效，请重新登录" className="login-alert" />
          )}
          {error && <Alert type="error" showIcon message={error} className="login-alert" />}
          <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={onFinish} size="large">
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" placeholder="请输入用户名" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="请输入密码" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-hint">
            本系统仅供授权工作人员使用。系统首次启动时，管理员（admin）的初始密码会显示在服务器启动日志中。
          </Typography.Paragraph>
        </Card>
      </main>
      <footer className="login-footer">
        {DEPARTMENT} · 证盾 CertGuard · <Link to="/">返回门户首页</Link>
      </footer>
    </div>
  );
}

const errorText = (err: unknown): string =>
  err instanceof Error && err.message ? err.message : '登录失败，请稍后重试';
