// 举报查询: the reporter's view with tracking code and PIN — progress and the message exchange.

import { Alert, Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PublicShell } from './report-page.js';
import { tipsApi, type TrackedTip } from './tips-api.js';
import './tips.css';

const STATUS_COLORS: Record<string, string> = { received: 'blue', handling: 'processing', closed: 'success' };

export function TrackPage() {
  const [creds, setCreds] = useState<{ code: string; pin: string } | null>(null);
  const [tip, setTip] = useState<TrackedTip | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const run = async (fn: () => Promise<TrackedTip>) => {
    setBusy(true);
    setError(null);
    try {
      setTip(await fn());
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : '查询失败，请稍后重试');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const query = async (v: { code: string; pin: string }) => {
    setTip(null);
    if (await run(() => tipsApi.track(v.code, v.pin))) setCreds(v);
  };

  const send = async () => {
    if (!creds || !message.trim()) return;
    if (await run(() => tipsApi.sendMessage(creds.code, creds.pin, message))) setMessage('');
  };

  return (
    <PublicShell title="举报查询">
      <Card>
        <Form name="track-tip" layout="vertical" onFinish={query} className="tips-form">
          <Form.Item name="code" label="查询码" rules={[{ required: true, whitespace: true, message: '请填写查询码' }]}>
            <Input placeholder="如 7K3QD-M9X2A-…（20 位）" maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item name="pin" label="查询密码" rules={[{ required: true, message: '请填写查询密码' }]}>
            <Input.Password inputMode="numeric" maxLength={12} autoComplete="current-password" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy && !tip}>
              查询
            </Button>
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon message={error} />}
      </Card>
      {tip && (
        <Card className="tips-track-result" data-testid="tip-progress" title={<Space>办理进度<Tag color={STATUS_COLORS[tip.status]}>{tip.statusText}</Tag></Space>}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="查询码">{tip.trackingCode}</Descriptions.Item>
            <Descriptions.Item label="举报类别">{tip.category}</Descriptions.Item>
            <Descriptions.Item label="受理时间">{new Date(tip.receivedAt).toLocaleString('zh-CN')}</Descriptions.Item>
            <Descriptions.Item label="办理单位">{tip.handlingUnit}</Descriptions.Item>
            <Descriptions.Item label="办理期限">{tip.dueDate}</Descriptions.Item>
            <Descriptions.Item label="办理情况">
              <span data-testid="tip-outcome">{tip.progress}</span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} className="tips-messages-title">
            留言
          </Typography.Title>
          <List
            size="small"
            locale={{ emptyText: '暂无留言' }}
            dataSource={tip.messages}
            renderItem={(m) => (
              <List.Item>
                <List.Item.Meta title={`${m.from} · ${new Date(m.at).toLocaleString('zh-CN')}`} description={m.body} />
              </List.Item>
            )}
          />
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <Input.TextArea aria-label="给办理单位留言" rows={2} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="补充情况或询问进展" />
            <Button type="primary" onClick={send} loading={busy} disabled={!message.trim()}>
              发送留言
            </Button>
          </Space.Compact>
        </Card>
      )}
    </PublicShell>
  );
}
