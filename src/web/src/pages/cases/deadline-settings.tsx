// 办案期限设置 (province administrator): the days each stage of a case may take. Saved for every case at
// once; an open case's current deadline is counted again from when it entered its stage.

import { App as AntApp, Alert, Button, Form, InputNumber, Modal, Spin } from 'antd';
import { useState } from 'react';
import type { DeadlineConfig } from '../../../../server/cases/deadlines.js';
import { usePermissions } from '../../auth/permissions.js';
import { useRemote } from '../../lib/use-remote.js';
import { enforcementApi } from './enforcement-api.js';

export function DeadlineSettingsButton({ onSaved }: { onSaved: () => void }) {
  const can = usePermissions();
  const [open, setOpen] = useState(false);
  if (!can('cases.configure')) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>办案期限设置</Button>
      {open && <DeadlineSettingsModal onClose={() => setOpen(false)} onSaved={onSaved} />}
    </>
  );
}

function DeadlineSettingsModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { message } = AntApp.useApp();
  const current = useRemote(() => enforcementApi.deadlines(), []);
  const [form] = Form.useForm<DeadlineConfig>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    let values: DeadlineConfig;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is wrong beside each field
    }
    setSaving(true);
    setError(null);
    try {
      const r = await enforcementApi.saveDeadlines(values);
      message.success(r.recomputed ? `办案期限已保存，${r.recomputed} 件在办案件的期限已按新设置重新计算` : '办案期限已保存');
      onSaved();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  }

  const data = current.data;
  return (
    <Modal open title="办案期限设置" okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      {/* A failed load is reported by useRemote; the form waits for the figures. */}
      {!data ? (
        current.loading && <Spin />
      ) : (
        <Form form={form} layout="horizontal" labelCol={{ span: 15 }} wrapperCol={{ span: 9 }} initialValues={data.config} name="case-deadlines">
          {(Object.keys(data.labels) as Array<keyof DeadlineConfig>).map((key) => (
            <Form.Item key={key} name={key} label={data.labels[key]} rules={[{ required: true, type: 'integer', min: 1, max: 3650, message: '请填写 1 到 3650 之间的整数天数' }]}>
              <InputNumber addonAfter="天" style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Form>
      )}
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
