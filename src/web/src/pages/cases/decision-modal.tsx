// 作出处理决定: one or more items — fine (yuan), warning, suspension or revocation of a certificate or a
// safety licence, 停业整改, dishonesty list. Certificate and licence items change the registry at once.

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { DECISION_LABELS, enforcementApi, type DecisionItem } from './enforcement-api.js';

const CERT_TYPES = ['cert_suspend', 'cert_revoke', 'cert_withdraw'];
const ORG_TYPES = ['licence_suspend', 'licence_revoke', 'rectify', 'dishonesty'];

export function DecisionModal({ caseId, onClose }: { caseId: string; onClose: (changed: boolean) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ items: DecisionItem[]; note?: string }>();
  const [saving, setSaving] = useState(false);

  async function submit(v: { items: DecisionItem[]; note?: string }) {
    setSaving(true);
    try {
      await enforcementApi.act(caseId, { action: 'decide', items: v.items, note: v.note });
      message.success('处理决定已作出');
      onClose(true);
    } catch (e) {
      message.error((e as Error).message);
      setSaving(false);
    }
  }

  return (
    <Modal open width={720} title="作出处理决定" okText="作出决定" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="暂扣、吊销、撤销证书或安全生产许可证将立即改变证书库状态，公众核验和二维码状态列表随即显示。" />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ items: [{ type: 'fine' }] }}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'type']} label={i === 0 ? '处理类型' : undefined} rules={[{ required: true }]}>
                    <Select aria-label={`处理类型${i + 1}`} style={{ width: 200 }} options={Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(['items', field.name, 'type']) as string | undefined;
                      if (type === 'fine')
                        return (
                          <Form.Item name={[field.name, 'amount']} label={i === 0 ? '罚款金额（元）' : undefined} rules={[{ required: true, message: '请填写金额' }]}>
                            <InputNumber aria-label={`罚款金额${i + 1}`} min={0.01} precision={2} style={{ width: 160 }} />
                          </Form.Item>
                        );
                      if (type && CERT_TYPES.includes(type))
                        return (
                          <Form.Item name={[field.name, 'certNo']} label={i === 0 ? '证书编号' : undefined} rules={[{ required: true, message: '请填写证书编号' }]}>
                            <Input aria-label={`证书编号${i + 1}`} style={{ width: 240 }} />
                          </Form.Item>
                        );
                      if (type && ORG_TYPES.includes(type))
                        return (
                          <Space align="baseline">
                            {type === 'dishonesty' && (
                              <Form.Item name={[field.name, 'targetKind']} rules={[{ required: true, message: '请选择对象类型' }]}>
                                <Select
                                  aria-label={`失信对象类型${i + 1}`}
                                  style={{ width: 110 }}
                                  options={[
                                    { value: 'person', label: '人员' },
                                    { value: 'enterprise', label: '企业' },
                                    { value: 'institution', label: '机构' },
                                  ]}
                                />
                              </Form.Item>
                            )}
                            <Form.Item name={[field.name, 'target']} rules={[{ required: true, message: '请填写信用代码或身份证号' }]}>
                              <Input aria-label={`对象代码${i + 1}`} placeholder="统一社会信用代码（人员填身份证号）" style={{ width: 260 }} />
                            </Form.Item>
                          </Space>
                        );
                      return null;
                    }}
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']}>
                    <Input aria-label={`说明${i + 1}`} placeholder="说明（可选）" style={{ width: 160 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined aria-label="删除此项" onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'warning' })}>
                增加处理项
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label="决定说明" style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
