// 案件详情: the history timeline, only the actions the case allows now (for this account), the decision
// form, documents and evidence with their SHA-256, transfers to another region or the police (package
// download, receipt), and the receiver's accept/reject of a transfer.

import { App as AntApp, Alert, Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header.js';
import { formatBytes, formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { DeadlineCell } from './cases-page.js';
import { DecisionModal } from './decision-modal.js';
import { enforcementApi, type CaseDetail, type CaseFile } from './enforcement-api.js';
import { ActionModal } from './action-modal.js';

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const kase = useRemote(() => enforcementApi.case(id), [id]);
  const [acting, setActing] = useState<string | null>(null);
  const c = kase.data;
  const done = () => (setActing(null), kase.reload());

  return (
    <>
      <PageHeader
        title={c ? `案件 ${c.case_no}` : '案件'}
        description={c?.title}
        extra={
          c && (
            <Space wrap>
              {c.allowed_actions.map((a) => (
                <Button key={a.action} type={a.action === 'decide' ? 'primary' : 'default'} danger={a.action === 'revoke'} onClick={() => setActing(a.action)}>
                  {a.label}
                </Button>
              ))}
            </Space>
          )
        }
      />
      {c?.incoming_transfer && <IncomingTransfer c={c} onDone={kase.reload} />}
      {c && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions column={3} bordered size="small">
              <Descriptions.Item label="状态">
                <Tag color="blue" data-testid="case-state">
                  {c.state_label}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label="阶段期限">
                <DeadlineCell deadline={c.deadline} overdue={c.overdue} />
              </Descriptions.Item>
              <Descriptions.Item label="承办人">{c.assignee_name ?? <Tag color="orange">未指派</Tag>}</Descriptions.Item>
              <Descriptions.Item label="地区">{c.region_name}</Descriptions.Item>
              <Descriptions.Item label="立案时间">{formatDateTime(c.filed_at)}</Descriptions.Item>
              <Descriptions.Item label="本阶段开始">{formatDateTime(c.stage_since)}</Descriptions.Item>
              {c.decision_text && (
                <Descriptions.Item label="处理决定" span={3}>
                  {c.decision_text}
                </Descriptions.Item>
              )}
              {c.clue && (
                <Descriptions.Item label="线索" span={3}>
                  <Space direction="vertical" size={4}>
                    <Link to={`/console/clues/${c.clue.id}`}>
                      {c.clue.source_label}：{c.clue.summary}
                    </Link>
                    <Space wrap>
                      {c.clue.subjects.map((s) => (
                        <Tag key={s.value}>
                          {s.kind_label}：{s.value}
                        </Tag>
                      ))}
                    </Space>
                  </Space>
                </Descriptions.Item>
              )}
            </Descriptions>
            {c.allowed_actions.length === 0 && !c.incoming_transfer && <Typography.Text type="secondary">当前状态下没有可办理的操作。</Typography.Text>}
          </Card>
          <Card title="办理经过">
            <Timeline
              items={c.history.map((h) => ({
                color: h.action === 'attach' ? 'gray' : h.action === 'revoke' ? 'red' : 'blue',
                children: (
                  <div>
                    <Typography.Text strong>{h.label}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(h.at)} · {h.actor_name ?? '系统'}</Typography.Text>
                    <HistoryDetails details={h.details} />
                  </div>
                ),
              }))}
            />
          </Card>
          <FilesCard c={c} onChanged={kase.reload} />
          {c.transfers.length > 0 && <TransfersCard c={c} />}
        </Space>
      )}
      {c && acting === 'decide' && <DecisionModal caseId={c.id} onClose={(changed) => (changed ? done() : setActing(null))} />}
      {c && acting && acting !== 'decide' && <ActionModal c={c} action={acting} onClose={(changed) => (changed ? done() : setActing(null))} />}
    </>
  );
}

function HistoryDetails({ details }: { details: Record<string, unknown> }) {
  const parts: ReactNode[] = [];
  const d = details as Record<string, string | number | undefined> & { items?: Array<{ type: string }> };
  if (d.note) parts.push(<div key="note">意见：{String(d.note)}</div>);
  if (d.assigneeName) parts.push(<div key="a">承办人：{String(d.assigneeName)}</div>);
  if (d.name && d.sha256) parts.push(<div key="f">文件：{String(d.name)}（SHA-256 {String(d.sha256).slice(0, 16)}…）</div>);
  if (d.toUnit) parts.push(<div key="t">接收单位：{String(d.toUnit)}</div>);
  if (d.reason) parts.push(<div key="r">理由：{String(d.reason)}</div>);
  if (d.docNo) parts.push(<div key="d">回执：{String(d.receivedBy)} {String(d.receivedOn)} {String(d.docNo)}</div>);
  return parts.length ? <div className="case-history-details">{parts}</div> : null;
}

function IncomingTransfer({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const t = c.incoming_transfer!;
  async function answer(accept: boolean) {
    try {
      await enforcementApi.answerTransfer(t.id, accept, accept ? undefined : reason);
      message.success(accept ? '已接收，案件转入本辖区' : '已退回');
      setRejecting(false);
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={`${t.from_region_name ?? ''}移送本案至${t.to_unit}`}
        description={`移送理由：${t.reason}`}
        action={
          <Space direction="vertical">
            <Button type="primary" onClick={() => answer(true)}>
              接收
            </Button>
            <Button danger onClick={() => setRejecting(true)}>
              退回
            </Button>
          </Space>
        }
      />
      <Modal open={rejecting} title="退回移送" okText="退回" cancelText="取消" onOk={() => answer(false)} onCancel={() => setRejecting(false)}>
        <Input.TextArea aria-label="退回理由" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明退回理由" />
      </Modal>
    </>
  );
}

const KIND_OPTIONS = [
  { value: 'evidence', label: '证据' },
  { value: 'document', label: '文书' },
  { value: 'receipt', label: '回执扫描件' },
];

function FilesCard({ c, onChanged }: { c: CaseDetail; onChanged: () => void }) {
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState('evidence');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const canUpload = c.allowed_actions.length > 0 && c.assignee_id !== null;
  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setBusy(true);
    try {
      for (const f of Array.from(files)) {
        const r = await enforcementApi.upload(c.id, f, kind, note);
        message.success(`已上传 ${f.name}（SHA-256 ${r.sha256.slice(0, 12)}…）`);
      }
      setNote('');
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  return (
    <Card
      title="文书与证据"
      extra={
        canUpload && (
          <Space>
            <Select aria-label="文件类别" value={kind} onChange={setKind} options={KIND_OPTIONS} style={{ width: 120 }} />
            <Input aria-label="文件说明" placeholder="说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 180 }} />
            <Button loading={busy} onClick={() => input.current?.click()}>
              上传文件
            </Button>
            <input ref={input} type="file" multiple hidden aria-label="选择文件" onChange={(e) => void upload(e.target.files)} />
          </Space>
        )
      }
    >
      <Table<CaseFile>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.files}
        locale={{ emptyText: '暂无文件' }}
        columns={[
          { title: '类别', dataIndex: 'kind_label', width: 100 },
          { title: '文件名', dataIndex: 'name' },
          { title: '大小', dataIndex: 'size', width: 90, render: formatBytes },
          { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v}</Typography.Text> },
          { title: '上传', width: 170, render: (_, f) => `${formatDateTime(f.uploaded_at)} ${f.uploaded_by ?? ''}` },
          { title: '', width: 80, render: (_, f) => <Button size="small" onClick={() => void enforcementApi.downloadFile(c.id, f).catch((e: Error) => message.error(e.message))}>下载</Button> },
        ]}
      />
    </Card>
  );
}

const TRANSFER_STATUS: Record<string, string> = { pending: '待接收', accepted: '已接收', rejected: '已退回', acknowledged: '已回执' };

function TransfersCard({ c }: { c: CaseDetail }) {
  return (
    <Card title="移送">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.transfers}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 120, render: (k: string) => (k === 'police' ? '移送公安机关' : '移送其他地区') },
          { title: '接收单位', render: (_, t) => `${t.to_unit}${t.to_region_name ? `（${t.to_region_name}）` : ''}` },
          { title: '理由', dataIndex: 'reason', ellipsis: true },
          { title: '时间', dataIndex: 'created_at', width: 170, render: formatDateTime },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag>{TRANSFER_STATUS[s] ?? s}</Tag> },
          { title: '材料包 SHA-256', dataIndex: 'package_sha256', render: (v: string | null) => (v ? <Typography.Text code>{v.slice(0, 16)}…</Typography.Text> : '—') },
        ]}
      />
    </Card>
  );
}
