import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Account, type NewAccount } from '../../api.js';
import { useAuth } from '../../auth/auth-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { ACCOUNT_STATUS, ORG_ROLES, ROLE_OPTIONS, roleLabel } from './account-labels.js';
import { JurisdictionSelect } from './jurisdiction-select.js';

/** The list of accounts in the administrator's jurisdiction; create, disable/enable, reset. */
export function AccountsTab() {
  const { user } = useAuth();
  const { message, modal } = App.useApp();
  const [query, setQuery] = useState({ q: '', role: '', status: '', page: 1 });
  const [creating, setCreating] = useState(false);
  const list = useRemote(() => api.accounts({ ...query, pageSize: 20 }), [query]);
  const jurisdiction = user?.region ?? '510000';

  /** A temporary password is shown exactly once. */
  const showPassword = (title: string, account: Account, password: string) =>
    modal.success({
      title,
      width: 480,
      content: (
        <>
          <p>
            账号 <b>{account.username}</b> 的临时密码（仅显示这一次，请通过安全渠道交给本人）：
          </p>
          <Typography.Paragraph copyable className="login-secret" data-testid="temporary-password">
            {password}
          </Typography.Paragraph>
          <p>本人首次登录时须设置新密码{ORG_ROLES.includes(account.role) ? '' : '，并绑定动态验证码'}。</p>
        </>
      ),
    });

  const act = async (label: string, call: () => Promise<unknown>) => {
    try {
      await call();
      message.success(label);
      list.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : `${label}失败`);
    }
  };

  const columns = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名/名称', dataIndex: 'displayName', key: 'displayName' },
    { title: '角色', dataIndex: 'role', key: 'role', render: roleLabel },
    { title: '辖区', key: 'region', render: (_: unknown, a: Account) => a.regionName ?? a.region },
    { title: '统一社会信用代码', dataIndex: 'orgUscc', key: 'orgUscc', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', key: 'status', render: (s: string) => <Tag color={ACCOUNT_STATUS[s]?.color}>{ACCOUNT_STATUS[s]?.text ?? s}</Tag> },
    { title: '动态验证码', dataIndex: 'totpEnrolled', key: 'totp', render: (v: boolean) => (v ? '已绑定' : '未绑定') },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, a: Account) =>
        a.username === user?.username ? (
          <Typography.Text type="secondary">本人</Typography.Text>
        ) : (
          <Space size="small">
            {a.status === 'active' && (
              <Button size="small" onClick={() => modal.confirm({ title: `停用账号 ${a.username}？`, content: '停用后该账号立即退出登录，且不能再登录。', okText: '停用', onOk: () => act('已停用', () => api.setAccountEnabled(a.id, false)) })}>
                停用
              </Button>
            )}
            {a.status === 'disabled' && (
              <Button size="small" onClick={() => act('已启用', () => api.setAccountEnabled(a.id, true))}>
                启用
              </Button>
            )}
            {(a.status === 'active' || a.status === 'disabled') && (
              <Button
                size="small"
                onClick={() =>
                  modal.confirm({
                    title: `重置账号 ${a.username}？`,
                    content: '将生成新的临时密码，并清除已绑定的动态验证码；该账号的登录立即失效。',
                    okText: '重置',
                    onOk: async () => {
                      try {
                        const r = await api.resetAccount(a.id);
                        list.reload();
                        showPassword('账号已重置', r.account, r.password);
                      } catch (err) {
                        message.error(err instanceof Error ? err.message : '重置失败');
                      }
                    },
                  })
                }
              >
                重置
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <>
      <Space wrap className="filter-bar" style={{ marginBottom: 16 }}>
        <Input.Search placeholder="用户名、姓名或信用代码" allowClear onSearch={(q) => setQuery({ ...query, q, page: 1 })} style={{ width: 240 }} aria-label="搜索账号" />
        <Select placeholder="角色" allowClear options={ROLE_OPTIONS} style={{ width: 160 }} onChange={(role) => setQuery({ ...query, role: role ?? '', page: 1 })} aria-label="角色" />
        <Select
          placeholder="状态"
          allowClear
          options={Object.entries(ACCOUNT_STATUS).map(([value, s]) => ({ value, label: s.text }))}
          style={{ width: 120 }}
          onChange={(status) => setQuery({ ...query, status: status ?? '', page: 1 })}
          aria-label="状态"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建账号
        </Button>
      </Space>
      <Table<Account>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={{ current: query.page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setQuery({ ...query, page }) }}
      />
      <CreateAccountModal
        open={creating}
        jurisdiction={jurisdiction}
        onClose={() => setCreating(false)}
        onCreated={(account, password) => {
          setCreating(false);
          list.reload();
          showPassword('账号已创建', account, password);
        }}
      />
    </>
  );
}

function CreateAccountModal({ open, jurisdiction, onClose, onCreated }: { open: boolean; jurisdiction: string; onClose: () => void; onCreated: (a: Account, password: string) => void }) {
  const [form] = Form.useForm<NewAccount>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const r = await api.createAccount({ ...values, orgUscc: ORG_ROLES.includes(values.role) ? values.orgUscc : null });
      form.resetFields();
      onCreated(r.account, r.password);
    } catch (err) {
      const text = err instanceof Error ? err.message : '创建失败';
      const field = (
        [
          ['用户名', 'username'],
          ['姓名或名称', 'displayName'],
          ['角色', 'role'],
          ['所属辖区', 'region'],
          ['统一社会信用代码', 'orgUscc'],
        ] as const
      ).find(([label]) => text.startsWith(label));
      if (field) form.setFields([{ name: field[1], errors: [text.slice(field[0].length + 1)] }]);
      else form.setFields([{ name: 'username', errors: [text] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="新建账号" open={open} onOk={save} okText="创建" confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ region: jurisdiction }}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]} extra="3–64 个字母、数字或 _ . @ -">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名或名称" rules={[{ required: true, message: '请输入姓名或名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} aria-label="账号角色" />
        </Form.Item>
        <Form.Item name="region" label="所属辖区" rules={[{ required: true, message: '请选择所属辖区' }]} extra="只能在本辖区及下级辖区创建账号；企业、机构账号为其所在区县。">
          <JurisdictionSelect within={jurisdiction} />
        </Form.Item>
        {role && ORG_ROLES.includes(role) && (
          <Form.Item name="orgUscc" label="统一社会信用代码" rules={[{ required: true, message: '企业和培训考核机构账号须填写统一社会信用代码' }]}>
            <Input maxLength={18} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
