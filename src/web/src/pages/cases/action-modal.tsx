// The form behind each case action button but the decision: an opinion for stage moves, the officer for
// assignment, the receiving unit for transfers, the receipt for a police referral, the conclusion of a
// re-inspection.

import { App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { RegionSelect } from '../../components/region-select.js';
import { useRemote } from '../../lib/use-remote.js';
import { enforcementApi, type CaseDetail } from './enforcement-api.js';

const TITLES: Record<string, string> = {
  assign: '指派承办人',
  investigate: '开始调查取证',
  notify: '告知（行政处罚事先告知）',
  execute: '执行',
  close: '结案',
  revoke: '撤销立案',
  reinspect: '复查（解除停业整改）',
  transfer_out: '移送其他地区/部门',
  refer_police: '移送公安机关',
  police_ack: '登记公安回执',
};

type Values = Record<string, string | undefined>;

export function ActionModal({ c, action, onClose }: { c: CaseDetail; action: string; onClose: (changed: boolean) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  async function submit(v: Values) {
    setSaving(true);
    try {
      if (action === 'transfer_out') await enforcementApi.transfer(c.id, { toRegion: v.toRegion ?? '', toUnit: v.toUnit ?? '', reason: v.reason ?? '' });
      else if (action === 'refer_police') {
        const r = await enforcementApi.referPolice(c.id, { toUnit: v.toUnit ?? '', reason: v.reason ?? '' });
        message.info(`移送材料包已生成（SHA-256 ${r.sha256.slice(0, 12)}…），可在“文书与证据”中下载`);
      } else if (action === 'police_ack')
        await enforcementApi.policeReceipt(c.id, { receivedBy: v.receivedBy ?? '', receivedOn: v.receivedOn ?? '', docNo: v.docNo ?? '', fileId: v.fileId || undefined });
      else await enforcementApi.act(c.id, { action, note: v.note, assigneeId: v.assigneeId, uscc: v.uscc });
      message.success(`${TITLES[action] ?? '操作'}：已完成`);
      onClose(true);
    } catch (e) {
      message.error((e as Error).message);
      setSaving(false);
    }
  }

  return (
    <Modal open title={TITLES[action] ?? action} okText="确定" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ receivedOn: new Date().toISOString().slice(0, 10) }}>
        {action === 'assign' && <AssigneeField caseId={c.id} />}
        {action === 'reinspect' && (
          <Form.Item name="uscc" label="被停业整改机构（统一社会信用代码）" rules={[{ required: true }]}>
            <Select options={c.rectifications.filter((r) => !r.lifted_at).map((r) => ({ value: r.uscc, label: r.uscc }))} />
          </Form.Item>
        )}
        {action === 'transfer_out' && (
          <Form.Item name="toRegion" label="接收地区" rules={[{ required: true, message: '请选择接收地区' }]}>
            <RegionField />
          </Form.Item>
        )}
        {(action === 'transfer_out' || action === 'refer_police') && (
          <>
            <Form.Item name="toUnit" label={action === 'refer_police' ? '接收的公安机关' : '接收单位'} rules={[{ required: true, message: '请填写接收单位' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="reason" label="移送理由" rules={[{ required: true, message: '请写明移送理由' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'police_ack' && (
          <>
            <Form.Item name="receivedBy" label="接收人" rules={[{ required: true, message: '请填写接收人' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="receivedOn" label="接收日期（YYYY-MM-DD）" rules={[{ required: true }]}>
              <Input maxLength={10} />
            </Form.Item>
            <Form.Item name="docNo" label="回执文书编号" rules={[{ required: true, message: '请填写文书编号' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="fileId" label="回执扫描件（先在“文书与证据”中上传）">
              <Select allowClear options={c.files.filter((f) => f.kind === 'receipt').map((f) => ({ value: f.id, label: f.name }))} />
            </Form.Item>
          </>
        )}
        {!['transfer_out', 'refer_police', 'police_ack'].includes(action) && (
          <Form.Item name="note" label={action === 'reinspect' ? '复查结论' : '办理意见'} rules={action === 'reinspect' ? [{ required: true, message: '请写明复查结论' }] : []}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function AssigneeField({ caseId }: { caseId: string }) {
  const officers = useRemote(() => enforcementApi.assignees(caseId), [caseId]);
  return (
    <Form.Item name="assigneeId" label="承办人" rules={[{ required: true, message: '请选择承办人' }]}>
      <Select
        aria-label="承办人"
        loading={officers.loading}
        options={(officers.data ?? []).map((o) => ({ value: o.id, label: `${o.display_name}（${o.region_name ?? ''}）` }))}
        showSearch
        optionFilterProp="label"
      />
    </Form.Item>
  );
}

function RegionField({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return <RegionSelect value={value ?? ''} onChange={(v) => onChange?.(v)} />;
}
