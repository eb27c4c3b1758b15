import { Alert, Descriptions, Space, Tag } from 'antd';
import type { VerifyAnswer } from './verify-api.js';

const RESULT_TYPE: Record<string, 'success' | 'warning' | 'error' | 'info'> = {
  valid: 'success',
  expired: 'warning',
  suspended: 'warning',
  transferring: 'warning',
  lapsed: 'error',
  cancelled: 'error',
  withdrawn: 'error',
  revoked: 'error',
  no_match: 'error',
};

/** A verification answer in plain Chinese: the verdict first, then the masked certificate details. */
export function VerifyResult({ answer }: { answer: VerifyAnswer }) {
  return (
    <div className="verify-result" data-testid="verify-result">
      <Alert type={RESULT_TYPE[answer.result] ?? 'info'} showIcon message={<span className="verify-result-label">{answer.label}</span>} description={answer.message} />
      {answer.certificates.map((c) => (
        <Descriptions key={`${c.certNo}|${c.sourceName}`} className="verify-cert" bordered size="small" column={{ xs: 1, sm: 2 }} title={<Space><span>{c.kind}</span><Tag color={RESULT_TYPE[c.result] === 'success' ? 'green' : RESULT_TYPE[c.result] === 'warning' ? 'orange' : 'red'}>{c.label}</Tag></Space>}>
          <Descriptions.Item label="证书编号">{c.certNo}</Descriptions.Item>
          <Descriptions.Item label="证书类别">{c.operationLabel ? `${c.categoryLabel ?? c.category} · ${c.operationLabel}` : (c.categoryLabel ?? c.category)}</Descriptions.Item>
          <Descriptions.Item label="姓名">{c.holderName}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{c.holderIdNo}</Descriptions.Item>
          <Descriptions.Item label="聘用单位">{c.employerName ?? c.employerUscc ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="发证机关">{c.issuer ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="发证日期">{c.issued}</Descriptions.Item>
          <Descriptions.Item label="有效期至">{c.expires}</Descriptions.Item>
          <Descriptions.Item label="登记状态">{c.status}</Descriptions.Item>
          <Descriptions.Item label="数据来源">{c.sourceName}</Descriptions.Item>
        </Descriptions>
      ))}
    </div>
  );
}
