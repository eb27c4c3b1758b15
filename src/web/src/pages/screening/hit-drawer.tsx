import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Result, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, type HitJudgement, type ScreeningHitDetail } from '../../api.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { useReportError } from '../../lib/use-report-error.js';
import { EvidenceTables } from './evidence-tables.js';
import { JudgeModal } from './judge-modal.js';
import { CHANGE_LABELS, JUDGEMENT_LABELS } from './screening-labels.js';

export interface HitKey {
  rule: string;
  subject: string;
}

/** One hit: its rule, reason and evidence rows, the judgement so far, and confirm / dismiss. */
export function HitDrawer({
  runId,
  hit,
  onClose,
  onJudged,
}: {
  runId: string;
  hit: HitKey | null;
  onClose: () => void;
  onJudged: () => void;
}) {
  return (
    <Drawer
      open={hit !== null}
      onClose={onClose}
      width="min(1180px, 94vw)"
      title="命中详情"
      destroyOnHidden
      className="hit-drawer"
    >
      {hit && <HitDetails runId={runId} hit={hit} onJudged={onJudged} />}
    </Drawer>
  );
}

function HitDetails({ runId, hit, onJudged }: { runId: string; hit: HitKey; onJudged: () => void }) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const detail = useRemote(() => api.screeningHit(runId, hit.rule, hit.subject), [runId, hit.rule, hit.subject]);
  const [deciding, setDeciding] = useState<HitJudgement | null>(null);

  if (detail.loading && !detail.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return <Result status="404" title="该命中不存在" subTitle={`本次筛查中没有此 ${hit.rule} 命中，或其不在本辖区内`} />;
  }
  if (!detail.data) return <Result status="warning" title="命中详情加载失败" subTitle="请稍后重试" />;

  const { hit: h, rule } = detail.data;
  const current = h.judgement ?? 'pending';
  const gone = h.change === 'gone';

  const judge = async (decision: HitJudgement, reason: string) => {
    try {
      const result = await api.judgeHit({
        runId,
        rule: h.rule,
        subject: h.subject_ref,
        decision,
        reason: reason || undefined,
      });
      setDeciding(null);
      void message.success(
        decision === 'confirmed'
          ? `已确认，已转为线索${result.clueId ? `（线索编号 ${result.clueId.slice(0, 8)}）` : ''}`
          : '已排除该命中',
      );
      detail.reload();
      onJudged();
    } catch (err) {
      reportError(err);
      throw err;
    }
  };

  const actionBlocked = gone ? '该命中在本次筛查中已消失，无需研判' : undefined;

  return (
    <div className="hit-details" data-testid="hit-details" data-judgement={current}>
      <div className="hit-title">
        <Tag color="blue" className="rule-tag">
          {h.rule}
        </Tag>
        <Typography.Title level={4} className="hit-rule-name">
          {rule?.name ?? h.rule_name}
        </Typography.Title>
        <Tag color={CHANGE_LABELS[h.change]?.color}>{CHANGE_LABELS[h.change]?.text ?? h.change}</Tag>
        <Tag color={JUDGEMENT_LABELS[current].color}>{JUDGEMENT_LABELS[current].text}</Tag>
        <Space className="hit-actions">
          <Tooltip title={actionBlocked}>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={gone || (current === 'confirmed' && !h.evidenceChangedSinceJudgement)}
              onClick={() => setDeciding('confirmed')}
            >
              确认（转为线索）
            </Button>
          </Tooltip>
          <Tooltip title={actionBlocked}>
            <Button icon={<StopOutlined />} disabled={gone} onClick={() => setDeciding('dismissed')}>
              {current === 'dismissed' ? '修改排除理由' : '排除'}
            </Button>
          </Tooltip>
        </Space>
      </div>
      {rule?.description && (
        <Typography.Paragraph type="secondary" className="hit-rule-description">
          规则：{rule.description}
        </Typography.Paragraph>
      )}

      <Descriptions bordered size="small" column={2} className="hit-facts">
        <Descriptions.Item label="对象" span={2}>
          <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} className="mono hit-subject">
            {h.subject}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="说明" span={2}>
          <span data-testid="hit-reason">{h.reason}</span>
        </Descriptions.Item>
        <Descriptions.Item label="地区">{h.region_name ?? h.city_name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="企业/机构">
          {h.enterprise_name || h.enterprise_uscc ? (
            <span className="two-line">
              <span>{h.enterprise_name ?? '（未登记企业）'}</span>
              {h.enterprise_uscc && (
                <Typography.Text type="secondary" className="mono small">
                  {h.enterprise_uscc}
                </Typography.Text>
              )}
            </span>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>

      <JudgementNote detail={detail.data} />

      <Typography.Title level={5} className="evidence-title">
        证据
        <Typography.Text type="secondary" className="small">
          命中所依据的数据行，按数据类型分组；本命中的对象以黄色标出
        </Typography.Text>
      </Typography.Title>
      <EvidenceTables evidence={h.evidence} subject={h.subject} />

      <JudgeModal decision={deciding} onCancel={() => setDeciding(null)} onSubmit={judge} />
    </div>
  );
}

/** The judgement on record, or a warning when the evidence has changed since it was made. */
function JudgementNote({ detail }: { detail: ScreeningHitDetail }) {
  const { judgement, hit } = detail;
  if (!judgement) {
    return (
      <Alert
        type="info"
        showIcon
        className="judgement-note"
        data-testid="judgement-note"
        message="待研判：请核实下方证据后确认（转为线索，交执法处置）或排除（须填写理由）"
      />
    );
  }
  const when = formatDateTime(judgement.decided_at);
  const confirmed = judgement.decision === 'confirmed';
  const details = (
    <>
      {judgement.reason && (
        <div>
          {confirmed ? '研判意见' : '排除理由'}：{judgement.reason}
        </div>
      )}
      {judgement.clue_id && (
        <div>
          线索编号：<span className="mono">{judgement.clue_id}</span>
        </div>
      )}
    </>
  );
  if (hit.evidenceChangedSinceJudgement) {
    return (
      <Alert
        type="warning"
        showIcon
        className="judgement-note"
        data-testid="evidence-changed"
        message={`研判后证据已发生变化：该命中曾于 ${when} 被${confirmed ? '确认（转为线索）' : '排除'}，${
          confirmed ? '请复核线索' : '原排除结论不再有效，请重新研判'
        }`}
        description={details}
      />
    );
  }
  return (
    <Alert
      type={confirmed ? 'error' : 'success'}
      showIcon
      className="judgement-note"
      data-testid="judgement-note"
      message={`${confirmed ? '已确认（转为线索）' : '已排除'} · ${when}`}
      description={details}
    />
  );
}
