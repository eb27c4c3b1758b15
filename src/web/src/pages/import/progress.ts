// What the progress bar of an import job says: pure, so it is unit-tested.

import type { ImportJob } from '../../api.js';
import { formatBytes, formatNumber } from '../../lib/format.js';

/** Overall share done: whole files finished plus the byte share of the current one. */
export function jobPercent(job: ImportJob): number {
  if (job.status === 'succeeded' || job.status === 'failed') return 100;
  const { fileIndex, fileCount, bytesRead, bytesTotal } = job.progress;
  if (fileCount <= 0) return 0;
  const current = bytesTotal > 0 ? Math.min(1, bytesRead / bytesTotal) : 0;
  return Math.min(99, Math.floor(((fileIndex + current) / fileCount) * 100));
}

export function progressText(job: ImportJob): string {
  if (job.status === 'queued') return '排队等待中…';
  const { fileIndex, fileCount, file, rowsRead, bytesRead, bytesTotal } = job.progress;
  const parts = [`第 ${Math.min(fileIndex + 1, fileCount)}/${fileCount} 个文件`];
  if (file) parts.push(file);
  parts.push(`已读取 ${formatNumber(rowsRead)} 行`);
  if (bytesTotal > 0) parts.push(`${formatBytes(bytesRead)} / ${formatBytes(bytesTotal)}`);
  return parts.join(' · ');
}
