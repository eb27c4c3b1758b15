import { Alert, Button, Card, Form, Input, Radio, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type NewRegistration, type Registration } from '../../api.js';
import { NewPasswordFields } from '../../auth/new-password-fields.js';
import { Brand, DEPARTMENT } from '../../components/brand.js';
import '../login/login.css';

type Values = NewRegistration & { confirm: string };

/** The server names the field first ("安全生产许可证编号：…"); show the reason under that field. */
const FIELD_OF: Array<[string, keyof Values]> = [
  ['统一社会信用代码', 'orgUscc'],
  ['安全生产许可证编号', 'licenceNo'],
  ['机构名称', 'orgName'],
  ['联系人姓名', 'contactName'],
  ['用户名', 'username'],
  ['密码', 'password'],
];

/** 自助注册 for enterprises and training/exam institutions, checked against the registry, approved by the county. */
export function RegisterPage() {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'enterprise';
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Registration | null>(null);

  const submit = async ({ confirm: _confirm, ...values }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      setDone((await api.register(values)).registration);
    } catch (err) {
      const text = err instanceof Error ? err.message : '提交失败，请稍后重试';
      const field = FIELD_OF.find(([label]) => text.startsWith(`${label}：`));
      if (field) form.setFields([{ name: field[1], errors: [text.slice(field[0].length + 1)] }]);
      else setError(text);
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
        <Card className="login-card" style={{ width: 520 }} title="企业、培训考核机构注册" variant="borderless">
          {done ? (
            <Result
              status="success"
              title="注册申请已提交"
              subTitle={`${done.orgName}（${done.orgUscc}）的申请将由${done.regionName ?? '所在地'}住房和城乡建设主管部门审核。审核通过后，即可用用户名“${done.username}”登录。`}
              extra={<Link to="/console/login">前往登录</Link>}
            />
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                建筑施工企业凭统一社会信用代码和安全生产许可证编号注册（须与企业库登记一致）；培训考核机构凭统一社会信用代码注册。申请由单位所在区县的主管部门审核。
              </Typography.Paragraph>
              {error && <Alert type="error" showIcon message={error} className="login-alert" />}
              <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ kind: 'enterprise' }}>
                <Form.Item name="kind" label="单位类型">
                  <Radio.Group optionType="button" options={[{ value: 'enterprise', label: '建筑施工企业' }, { value: 'institution', label: '培训考核机构' }]} />
                </Form.Item>
                <Form.Item name="orgUscc" label="统一社会信用代码" rules={[{ required: true, message: '请输入统一社会信用代码' }, { len: 18, message: '统一社会信用代码为 18 位' }]}>
                  <Input maxLength={18} />
                </Form.Item>
                {kind === 'enterprise' ? (
                  <Form.Item name="licenceNo" label="安全生产许可证编号" rules={[{ required: true, message: '请输入安全生产许可证编号' }]} extra="如 (川)JZ安许证字[2023]007346，括号写法不限">
                    <Input />
                  </Form.Item>
                ) : (
                  <Form.Item name="orgName" label="机构名称" rules={[{ required: true, message: '请输入机构名称' }]}>
                    <Input />
                  </Form.Item>
                )}
                <Form.Item name="contactName" label="联系人姓名" rules={[{ required: true, message: '请输入联系人姓名' }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="contactPhone" label="联系电话">
                  <Input />
                </Form.Item>
                <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]} extra="3–64 个字母、数字或 _ . @ -，登录时使用">
                  <Input autoComplete="username" />
                </Form.Item>
                <NewPasswordFields name="password" label="密码" />
                <Button type="primary" htmlType="submit" block loading={submitting}>
                  提交注册申请
                </Button>
              </Form>
              <div className="login-links">
                <Link to="/console/login">已有账号，去登录</Link>
                <Link to="/">返回门户首页</Link>
              </div>
            </>
          )}
        </Card>
      </main>
      <footer className="login-footer">{DEPARTMENT} · 证盾 CertGuard</footer>
    </div>
  );
}
