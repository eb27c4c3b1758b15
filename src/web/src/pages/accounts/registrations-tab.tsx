import { App, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, type Registration } from '../../api.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { KIND_LABELS, REGISTRATION_STATUS } from './account-labels.js';

/** 注册审核: self-registrations of enterprises and institutions in the official's jurisdiction. */
export function RegistrationsTab() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<Registration['status']>('pending');
  const [rejecting, setRejecting] = useState<Registration | null>(null);
  const [reason, setReason] = useState('');
  const list = useRemote(() => api.registrations(status), [status]);

  const decide = async (r: Registration, decision: 'approve' | 'reject', why?: string) => {
    try {
      await api.decideRegistration(r.id, decision, why);
      message.success(decision === 'approve' ? `已通过：${r.orgName}` : `已驳回：${r.orgName}`);
      setRejecting(null);
      setReason('');
      list.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '操作失败');
    }
  };

  const columns = [
    { title: '单位名称', dataIndex: 'orgName', key: 'orgName' },
    { title: '类型', dataIndex: 'kind', key: 'kind', render: (k: string) => KIND_LABELS[k] ?? k },
    { title: '统一社会信用代码', dataIndex: 'orgUscc', key: 'orgUscc' },
    { title: '安全生产许可证', dataIndex: 'licenceNo', key: 'licenceNo', render: (v: string | null) => v ?? '—' },
    { title: '所在地', key: 'region', render: (_: unknown, r: Registration) => r.regionName ?? r.region },
    { title: '联系人', key: 'contact', render: (_: unknown, r: Registration) => [r.contactName, r.contactPhone].filter(Boolean).join(' ') },
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', render: formatDateTime },
    { title: '状态', dataIndex: 'status', key: 'status', render: (s: string) => <Tag color={REGISTRATION_STATUS[s]?.color}>{REGISTRATION_STATUS[s]?.text ?? s}</Tag> },
    status === 'pending'
      ? {
          title: '审核',
          key: 'actions',
          render: (_: unknown, r: Registration) => (
            <Space size="small">
              <Button size="small" type="primary" onClick={() => void decide(r, 'approve')}>
                通过
              </Button>
              <Button size="small" danger onClick={() => setRejecting(r)}>
                驳回
              </Button>
            </Space>
          ),
        }
      : { title: '理由', dataIndex: 'reason', key: 'reason', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <Segmented<Registration['status']>
        value={status}
        onChange={setStatus}
        options={Object.entries(REGISTRATION_STATUS).map(([value, s]) => ({ value: value as Registration['status'], label: s.text }))}
        style={{ marginBottom: 16 }}
      />
      <Table<Registration> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} pagination={{ pageSize: 20, showSizeChanger: false }} />
      <Modal
        title={`驳回注册申请：${rejecting?.orgName ?? ''}`}
        open={rejecting !== null}
        okText="驳回"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onOk={() => rejecting && void decide(rejecting, 'reject', reason.trim())}
        onCancel={() => (setRejecting(null), setReason(''))}
      >
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="驳回理由（必填，申请人可见）" aria-label="驳回理由" />
      </Modal>
    </>
  );
}
