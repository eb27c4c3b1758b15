import { Tag } from 'antd';
import type { ImportJobStatus } from '../api.js';
import { IMPORT_STATUS_LABELS } from '../labels.js';

export function ImportStatusTag({ status }: { status: ImportJobStatus }) {
  const label = IMPORT_STATUS_LABELS[status] ?? { text: status, color: 'default' };
  return <Tag color={label.color}>{label.text}</Tag>;
}
