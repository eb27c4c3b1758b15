import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError, type LoginStep } from '../../api.js';
import { useAuth } from '../../auth/auth-context.js';
import { NewPasswordFields } from '../../auth/new-password-fields.js';
import { Brand, DEPARTMENT } from '../../components/brand.js';
import './login.css';

interface LoginState {
  from?: string;
  expired?: boolean;
}

/** What the login page shows: the password form, or the step the server asked for next. */
type Stage = { step: 'password' } | Exclude<LoginStep, { status: 'ok' }>;

const TITLES: Record<string, string> = {
  password: '管理后台登录',
  totp: '动态验证码',
  totp_enrol: '绑定动态验证码',
  password_change: '设置新密码',
};

export function LoginPage() {
  const { user, expired, setUser } = useAuth();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const [stage, setStage] = useState<Stage>({ step: 'password' });
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = state.from && state.from.startsWith('/console') ? state.from : '/console';

  if (user) return <Navigate to={target} replace />;

  /** Run one step; the server's answer decides what comes next. */
  const run = async (call: () => Promise<LoginStep>) => {
    setSubmitting(true);
    setError(null);
    try {
      const next = await call();
      if (next.status === 'ok') {
        setUser(next.user);
        navigate(target, { replace: true });
      } else setStage(next);
    } catch (err) {
      // A lost challenge (timed out) starts over from the password.
      if (err instanceof ApiError && err.status === 401 && err.message.includes('重新输入')) setStage({ step: 'password' });
      setError(err instanceof Error && err.message ? err.message : '登录失败，请稍后重试');
    } finally {
      setSubmitting(false);
    }
  };

  const key = 'step' in stage ? stage.step : stage.status;
  return (
    <div className="login-page">
      <header className="login-header">
        <Link to="/">
          <Brand light />
        </Link>
      </header>
      <main className="login-main">
        <Card className="login-card" title={TITLES[key]} variant="borderless">
          {(expired || state.expired) && !error && key === 'password' && (
            <Alert type="warning" showIcon message="登录已失效，请重新登录" className="login-alert" />
          )}
          {error && <Alert type="error" showIcon message={error} className="login-alert" role="alert" />}
          {'step' in stage && <PasswordForm submitting={submitting} onSubmit={(u, p) => run(() => api.login(u.trim(), p))} />}
          {'status' in stage && stage.status === 'totp' && <CodeForm submitting={submitting} onSubmit={(code) => run(() => api.loginTotp(code))} />}
          {'status' in stage && stage.status === 'totp_enrol' && (
            <>
              <Typography.Paragraph>
                您的账号须使用动态验证码登录。请用验证器应用（如 Microsoft Authenticator、Google Authenticator、FreeOTP）扫描下方二维码，然后输入应用显示的 6 位数字完成绑定。
              </Typography.Paragraph>
              <div className="login-qr" aria-label="动态验证码二维码" dangerouslySetInnerHTML={{ __html: stage.qrSvg }} />
              <Typography.Paragraph type="secondary">
                无法扫码时，可在应用中手动输入密钥：
                <Typography.Text className="login-secret" copyable data-testid="totp-secret">
                  {stage.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <CodeForm submitting={submitting} confirmLabel="绑定并登录" onSubmit={(code) => run(() => api.loginTotp(code))} />
            </>
          )}
          {'status' in stage && stage.status === 'password_change' && (
            <>
              <Alert
                type="info"
                showIcon
                className="login-alert"
                message={stage.reason === 'reset' ? '您正在使用管理员设置的临时密码，请先设置自己的新密码。' : '您的密码已到期，请设置新密码后继续。'}
              />
              <Form<{ newPassword: string }> layout="vertical" requiredMark={false} onFinish={({ newPassword }) => run(() => api.loginNewPassword(newPassword))}>
                <NewPasswordFields />
                <Button type="primary" htmlType="submit" block loading={submitting}>
                  保存并登录
                </Button>
              </Form>
            </>
          )}
          {key !== 'password' && (
            <Button type="link" block onClick={() => (setStage({ step: 'password' }), setError(null))}>
              返回，重新输入用户名和密码
            </Button>
          )}
          <Typography.Paragraph type="secondary" className="login-hint">
            本系统仅供授权工作人员及已注册的企业、培训考核机构使用。系统首次启动时，管理员（admin）的初始密码会显示在服务器启动日志中。
          </Typography.Paragraph>
          <div className="login-links">
            <Link to="/register">企业、培训考核机构注册</Link>
            <Link to="/">返回门户首页</Link>
          </div>
        </Card>
      </main>
      <footer className="login-footer">
        {DEPARTMENT} · 证盾 CertGuard · <Link to="/">返回门户首页</Link>
      </footer>
    </div>
  );
}

function PasswordForm({ submitting, onSubmit }: { submitting: boolean; onSubmit: (username: string, password: string) => void }) {
  return (
    <Form<{ username: string; password: string }> layout="vertical" requiredMark={false} onFinish={({ username, password }) => onSubmit(username, password)} size="large">
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
  );
}

function CodeForm({ submitting, onSubmit, confirmLabel = '验证' }: { submitting: boolean; onSubmit: (code: string) => void; confirmLabel?: string }) {
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={({ code }) => (onSubmit(code), form.resetFields())} size="large">
      <Form.Item
        name="code"
        label="动态验证码"
        extra="验证器应用中当前显示的 6 位数字，每 30 秒更新一次。"
        rules={[{ required: true, message: '请输入动态验证码' }, { pattern: /^\s*\d{6}\s*$/, message: '动态验证码为 6 位数字' }]}
      >
        <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" maxLength={7} placeholder="6 位数字" autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting}>
        {confirmLabel}
      </Button>
    </Form>
  );
}
