// One tip for staff: what was reported, the look-alike check of a reported site, deadlines, the message
// exchange, closing with an outcome, the reward (Sichuan rules) and the logged reveal of a named reporter.

import { App as AntApp, Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, List, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePermissions } from '../../auth/permissions.js';
import { useRemote } from '../../lib/use-remote.js';
import { DeadlineTag } from './tips-page.js';
import { suggestedReward, tipsApi, VERDICT_COLORS, VERDICT_TEXT, type StaffTipDetail } from './tips-api.js';

export function TipDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const tip = useRemote(() => tipsApi.get(id), [id]);
  const changed = () => {
    tip.reload();
    onChanged();
  };
  return (
    <Drawer open width={640} title="举报详情" onClose={onClose} destroyOnClose>
      {!tip.data ? <Spin /> : <TipDetail tip={tip.data} onChanged={changed} />}
    </Drawer>
  );
}

function TipDetail({ tip, onChanged }: { tip: StaffTipDetail; onChanged: () => void }) {
  const { message } = AntApp.useApp();
  const can = usePermissions();
  const [identity, setIdentity] = useState<{ reporterName: string | null; reporterPhone: string | null; subjectPersonName: string | null; subjectIdNo: string | null } | null>(null);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await fn();
      void message.success(done);
      onChanged();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : '操作失败');
      return false;
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="tip-detail">
      {error && <Alert type="error" showIcon message={error} />}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="状态">
          <Space>
            {tip.statusText}
            <DeadlineTag tip={tip} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="渠道 / 类别">
          {tip.channelLabel} · {tip.category}
        </Descriptions.Item>
        <Descriptions.Item label="受理时间">{new Date(tip.receivedAt).toLocaleString('zh-CN')}（办理期限 {tip.dueDate}）</Descriptions.Item>
        <Descriptions.Item label="办理单位">{tip.handlingUnit}</Descriptions.Item>
        <Descriptions.Item label="举报人">
          {tip.anonymous ? (
            '匿名'
          ) : (
            <Space wrap>
              {identity ? `${identity.reporterName ?? ''} ${identity.reporterPhone ?? ''}` : `${tip.reporterName ?? ''} ${tip.reporterPhone ?? ''}`}
              {!identity && can('tips.reveal') && <RevealButton onReveal={async (reason) => setIdentity(await tipsApi.reveal(tip.id, reason))} />}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="证书编号">{tip.subjectCertNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="被举报人">{[identity?.subjectPersonName ?? tip.subjectPersonName, identity?.subjectIdNo ?? tip.subjectIdNo].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="被举报单位">{[tip.subjectEnterprise, tip.subjectUscc].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="网址">
          {tip.subjectUrl ? (
            <Space direction="vertical" size={2}>
              <Typography.Text code>{tip.subjectUrl}</Typography.Text>
              {tip.lookalike && (
                <span data-testid="lookalike">
                  <Tag color={VERDICT_COLORS[tip.lookalike.verdict]}>{VERDICT_TEXT[tip.lookalike.verdict]}</Tag>
                  {tip.lookalike.reasons.join('；')}
                </span>
              )}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="线索">{tip.clueId ? `${tip.clueId.slice(0, 8)}${tip.clueCreated ? '' : '（并入已有线索）'}` : '未生成（无可识别的举报对象）'}</Descriptions.Item>
        <Descriptions.Item label="举报内容">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{tip.description}</Typography.Paragraph>
        </Descriptions.Item>
        {tip.attachments.length > 0 && (
          <Descriptions.Item label="附件">
            <Space direction="vertical" size={2}>
              {tip.attachments.map((a) => (
                <a key={a.sha256} href={`/api/tips/${tip.id}/attachments/${a.sha256}`}>
                  {a.name}
                </a>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {tip.status === 'closed' && <Descriptions.Item label="办理结果">{tip.outcome}（{tip.valid ? '有效举报' : '无效举报'}）</Descriptions.Item>}
      </Descriptions>

      <Typography.Title level={5}>与举报人的留言</Typography.Title>
      <List
        size="small"
        locale={{ emptyText: '暂无留言' }}
        dataSource={tip.messages}
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta title={`${m.from === 'staff' ? '办理单位' : '举报人'} · ${new Date(m.at).toLocaleString('zh-CN')}`} description={m.body} />
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%' }}>
        <Input.TextArea aria-label="回复举报人" rows={2} value={reply} onChange={(e) => setReply(e.target.value)} placeholder={tip.status === 'closed' && !tip.feedbackAt ? '向举报人反馈办理结果' : '回复举报人'} />
        <Button onClick={async () => (await act(() => tipsApi.reply(tip.id, reply), '已发送')) && setReply('')} disabled={!reply.trim()}>
          发送
        </Button>
      </Space.Compact>

      {tip.status !== 'closed' && <CloseForm onClose={(outcome, valid) => act(() => tipsApi.close(tip.id, outcome, valid), '已办结')} />}
      {tip.status === 'closed' && <RewardSection tip={tip} act={act} />}
    </Space>
  );
}

function RevealButton({ onReveal }: { onReveal: (reason: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <Button size="small" onClick={() => setOpen(true)}>
        查看完整信息
      </Button>
    );
  return (
    <Space.Compact>
      <Input size="small" aria-label="查看理由" placeholder="查看理由（记入审计日志）" value={reason} onChange={(e) => setReason(e.target.value)} />
      <Button size="small" type="primary" disabled={reason.trim().length < 2} onClick={() => void onReveal(reason)}>
        确认查看
      </Button>
    </Space.Compact>
  );
}

function CloseForm({ onClose }: { onClose: (outcome: string, valid: boolean) => Promise<boolean> }) {
  return (
    <Form name="close-tip" layout="vertical" onFinish={(v: { outcome: string; valid: boolean }) => onClose(v.outcome, v.valid)}>
      <Typography.Title level={5}>办结</Typography.Title>
      <Form.Item name="outcome" label="办理结果" rules={[{ required: true, min: 4, message: '请写明核查情况和处理结果' }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="valid" label="是否有效举报" initialValue={true}>
        <Radio.Group options={[{ value: true, label: '有效举报' }, { value: false, label: '无效举报' }]} />
      </Form.Item>
      <Button htmlType="submit">办结</Button>
    </Form>
  );
}

function RewardSection({ tip, act }: { tip: StaffTipDetail; act: (fn: () => Promise<unknown>, done: string) => Promise<boolean> }) {
  const [fine, setFine] = useState<number | null>(tip.rewardSuggestion.fineAmount);
  const [reason, setReason] = useState('');
  const suggested = suggestedReward(fine);
  if (tip.reward)
    return (
      <Alert
        type={tip.reward.decision === 'granted' ? 'success' : 'info'}
        showIcon
        message={tip.reward.decision === 'granted' ? `奖励 ${tip.reward.amount} 元${tip.reward.paidAt ? '（已发放）' : '（待发放）'}` : `不予奖励：${tip.reward.reason ?? ''}`}
        action={tip.reward.decision === 'granted' && !tip.reward.paidAt ? <Button size="small" onClick={() => void act(() => tipsApi.payReward(tip.id), '已登记发放')}>登记已发放</Button> : undefined}
      />
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>举报奖励</Typography.Title>
      <Typography.Text type="secondary">按罚款金额的 15% 奖励，最低 3000 元、最高 30 万元；未罚款的奖励 1000 元；同一对象只奖励第一个有效举报人。</Typography.Text>
      {!tip.rewardSuggestion.firstValid && <Alert type="warning" showIcon message="同一举报对象已有更早的有效举报，本举报人不能获得奖励" />}
      <Space wrap>
        <InputNumber aria-label="罚款金额" addonBefore="罚款" addonAfter="元" min={0} value={fine} onChange={(v) => setFine(v)} />
        <span>建议奖励 {suggested} 元</span>
      </Space>
      <Space wrap>
        <Button type="primary" disabled={!tip.valid || !tip.rewardSuggestion.firstValid} onClick={() => void act(() => tipsApi.decideReward(tip.id, { decision: 'granted', fineAmount: fine }), '已决定奖励')}>
          决定奖励
        </Button>
        <Input aria-label="不予奖励理由" placeholder="不予奖励的理由" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 220 }} />
        <Button disabled={!reason.trim()} onClick={() => void act(() => tipsApi.decideReward(tip.id, { decision: 'refused', reason }), '已记录')}>
          不予奖励
        </Button>
      </Space>
    </Space>
  );
}
