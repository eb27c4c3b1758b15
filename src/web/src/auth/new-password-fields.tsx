import { Form, Input } from 'antd';

/** The server's rules, said before the first try (it answers the exact reason when one is broken). */
export const PASSWORD_RULES_HINT = '至少 8 个字符；不能是常见密码，不能包含用户名、姓名或单位名称、“certguard”“证盾”“sichuan”等词。不要求大小写、数字或符号组合，一句好记的长短语更安全。';

/** New password and its confirmation, for the login's password step and the change-password dialog. */
export function NewPasswordFields() {
  return (
    <>
      <Form.Item name="newPassword" label="新密码" extra={PASSWORD_RULES_HINT} rules={[{ required: true, message: '请输入新密码' }, { min: 8, message: '新密码至少需要 8 个字符' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
