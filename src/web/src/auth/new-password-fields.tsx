import { Form, Input } from 'antd';

/** The server's rules, said before the first try (it answers the exact reason when one is broken). */
export const PASSWORD_RULES_HINT = '至少 8 个字符；不能是常见密码，不能包含用户名、姓名或单位名称、“certguard”“证盾”“sichuan”等词。不要求大小写、数字或符号组合，一句好记的长短语更安全。';

/** A new password and its confirmation: the login's password step, the change-password dialog, registration. */
export function NewPasswordFields({ name = 'newPassword', label = '新密码' }: { name?: string; label?: string }) {
  return (
    <>
      <Form.Item name={name} label={label} extra={PASSWORD_RULES_HINT} rules={[{ required: true, message: `请输入${label}` }, { min: 8, message: `${label}至少需要 8 个字符` }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={`确认${label}`}
        dependencies={[name]}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(`两次输入的${label}不一致`))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
