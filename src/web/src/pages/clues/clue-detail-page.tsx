// 线索详情: subjects, the reports that opened or joined it, 立案 (with the officer to hold the case) or
// 不予立案 with the reason the reporter will read.

import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { usePermissions } from '../../auth/permissions.js';
import { useAuth } from '../../auth/auth-context.js';
import { enforcementApi, lookalikeTag } from '../cases/enforcement-api.js';
import { LookalikeBadge } from './lookalike-badge.js';

export function ClueDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const can = usePermissions();
  const clue = useRemote(() => enforcementApi.clue(id), [id]);
  const [filing, setFiling] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const c = clue.data;
  const lookalike = c ? lookalikeTag(c.reports.map((r) => r.details)) : null;

  return (
    <>
      <PageHeader
        title="线索详情"
        description={c ? `${c.source_label} · ${c.region_name ?? '未定地区'} · ${formatDateTime(c.created_at)}` : undefined}
        extra={
          c?.status === 'open' && can('clues.write') ? (
            <Space>
              <Button type="primary" onClick={() => setFiling(true)}>
                立案
              </Button>
              <Button danger onClick={() => setDismissing(true)}>
                不予立案
              </Button>
            </Space>
          ) : undefined
        }
      />
      {c && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions column={2} bordered size="small">
              <Descriptions.Item label="状态">
                <Tag>{c.status_label}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="进展（举报人可见）">{c.progress?.text ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="摘要" span={2}>
                <LookalikeBadge tag={lookalike} />
                {c.summary}
              </Descriptions.Item>
              {lookalike && (
                <Descriptions.Item label="仿冒网站" span={2}>
                  <Typography.Text type="danger">{lookalike.reason}</Typography.Text>
                </Descriptions.Item>
              )}
              <Descriptions.Item label="对象" span={2}>
                <Space wrap>
                  {c.subjects.map((s) => (
                    <Tag key={s.kind + s.value}>
                      {s.kind_label}：{s.value}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              {c.closed_reason && (
                <Descriptions.Item label="不予立案理由" span={2}>
                  {c.closed_reason}
                </Descriptions.Item>
              )}
              {c.case && (
                <Descriptions.Item label="案件" span={2}>
                  <Link to={`/console/cases/${c.case.id}`}>
                    {c.case.case_no}（{c.case.state_label}）
                  </Link>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={`来源报告（${c.reports.length}）`}>
            <List
              dataSource={c.reports}
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta title={`${r.source_label} · ${formatDateTime(r.created_at)}`} description={r.summary} />
                </List.Item>
              )}
            />
          </Card>
        </Space>
      )}
      {filing && c && <FileCaseModal clueId={c.id} summary={c.summary} onClose={(caseId) => (setFiling(false), caseId ? navigate(`/console/cases/${caseId}`) : undefined)} />}
      {dismissing && c && <DismissModal clueId={c.id} onClose={(done) => (setDismissing(false), done ? clue.reload() : undefined)} />}
    </>
  );
}

function FileCaseModal({ clueId, summary, onClose }: { clueId: string; summary: string; onClose: (caseId?: string) => void }) {
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const [form] = Form.useForm<{ title: string; assignee: string; note?: string }>();
  const [saving, setSaving] = useState(false);
  async function submit(v: { title: string; assignee: string; note?: string }) {
    setSaving(true);
    try {
      // Filing to oneself is the common case; the case page reassigns.
      const r = await enforcementApi.fileClue(clueId, { title: v.title, note: v.note });
      if (v.assignee === 'me') {
        const officers = await enforcementApi.assignees(r.caseId);
        const me = officers.find((o) => o.username === user?.username);
        if (me) await enforcementApi.act(r.caseId, { action: 'assign', assigneeId: me.id });
      }
      message.success('已立案');
      onClose(r.caseId);
    } catch (e) {
      message.error((e as Error).message);
      setSaving(false);
    }
  }
  return (
    <Modal open title="立案" okText="立案" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={() => onClose()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ title: summary.slice(0, 100), assignee: 'me' }}>
        <Form.Item name="title" label="案件名称" rules={[{ required: true, message: '请填写案件名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="assignee" label="承办人">
          <Select
            options={[
              { value: 'me', label: `本人（${user?.displayName ?? ''}）` },
              { value: 'later', label: '稍后在案件中指派' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="立案意见">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DismissModal({ clueId, onClose }: { clueId: string; onClose: (done: boolean) => void }) {
  const { message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  async function submit() {
    setSaving(true);
    try {
      await enforcementApi.dismissClue(clueId, reason);
      message.success('已不予立案');
      onClose(true);
    } catch (e) {
      message.error((e as Error).message);
      setSaving(false);
    }
  }
  return (
    <Modal open title="不予立案" okText="确定" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={() => onClose(false)}>
      <Alert type="info" showIcon message="理由将告知举报人，请使用平实的语言，不要写入他人的个人信息。" style={{ marginBottom: 12 }} />
      <Typography.Text>不予立案理由</Typography.Text>
      <Input.TextArea aria-label="不予立案理由" rows={4} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
