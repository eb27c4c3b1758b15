import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { HitJudgement } from '../../api.js';

const TEXT: Record<HitJudgement, { title: string; ok: string; label: string; placeholder: string }> = {
  confirmed: {
    title: '确认命中（转为线索）',
    ok: '确认并转为线索',
    label: '研判意见（可选）',
    placeholder: '例如：经现场核查，该人员未在项目实际到岗',
  },
  dismissed: {
    title: '排除命中',
    ok: '排除',
    label: '排除理由',
    placeholder: '例如：经公安系统核实为历史身份证号，身份真实',
  },
};

/**
 * Asks for the reason of a judgement: required (at least 2 characters) to dismiss, optional to
 * confirm. `onSubmit` rejects on failure, which keeps the dialog open.
 */
export function JudgeModal({
  decision,
  onCancel,
  onSubmit,
}: {
  decision: HitJudgement | null;
  onCancel: () => void;
  onSubmit: (decision: HitJudgement, reason: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const text = decision ? TEXT[decision] : TEXT.dismissed;

  const submit = async () => {
    if (!decision) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(decision, (reason ?? '').trim());
    } catch {
      // The error was shown by the caller; the dialog stays open for another try.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={decision !== null}
      title={text.title}
      okText={text.ok}
      cancelText="取消"
      onOk={submit}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={decision === 'dismissed' ? { danger: true } : {}}
      destroyOnHidden
      className="judge-modal"
    >
      {decision === 'confirmed' && (
        <Alert
          type="info"
          showIcon
          className="judge-modal-note"
          message="确认后该命中将生成一条线索，转入执法处置；同一对象已有未办结线索时并入该线索。"
        />
      )}
      {decision === 'dismissed' && (
        <Alert
          type="warning"
          showIcon
          className="judge-modal-note"
          message="排除后，在证据不发生变化的情况下，后续筛查不再将其列为待研判。"
        />
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={text.label}
          rules={
            decision === 'dismissed'
              ? [
                  { required: true, whitespace: true, message: '请填写排除理由' },
                  { min: 2, message: '排除理由至少 2 个字' },
                ]
              : []
          }
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={text.placeholder} aria-label={text.label} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
