import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { NewPasswordFields } from './new-password-fields.js';

interface Values {
  currentPassword: string;
  newPassword: string;
}

/** 修改密码 from the user menu. Every other session of the account ends; this one goes on. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.changePassword(values.currentPassword, values.newPassword);
      message.success('密码已修改，其他设备上的登录已失效');
      form.resetFields();
      onClose();
    } catch (err) {
      const text = err instanceof Error ? err.message : '修改失败，请稍后重试';
      // The server names the field: 当前密码：… or 新密码：…
      const field = text.startsWith('当前密码') ? 'currentPassword' : 'newPassword';
      form.setFields([{ name: field, errors: [text.replace(/^(当前密码|新密码)：/, '')] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="修改密码" open={open} onOk={save} okText="保存" confirmLoading={saving} onCancel={() => (form.resetFields(), onClose())} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields />
      </Form>
    </Modal>
  );
}
