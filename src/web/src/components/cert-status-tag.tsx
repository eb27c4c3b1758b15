import { Tag } from 'antd';
import { certStatusLabel, statusColor } from '../labels.js';

/** The registry status, plus 已过期 when the expiry date has passed (whatever the status says). */
export function CertStatusTag({ status, expired }: { status: string; expired: boolean }) {
  const label = certStatusLabel(status);
  return (
    <span className="tag-group">
      <Tag color={statusColor(label)}>{label}</Tag>
      {expired && <Tag color="volcano">已过期</Tag>}
    </span>
  );
}
