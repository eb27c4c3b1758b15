import dayjs from 'dayjs';

export const formatNumber = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : n.toLocaleString('zh-CN');

export const formatDate = (value: string | null | undefined): string =>
  value ? (dayjs(value).isValid() ? dayjs(value).format('YYYY-MM-DD') : value) : '—';

export const formatDateTime = (value: string | null | undefined): string =>
  value ? (dayjs(value).isValid() ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : value) : '—';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Year-months arrive as `2024-03` (or a full date); shown as 2024年3月. */
export function formatMonth(value: string): string {
  const m = /^(\d{4})-?(\d{2})/.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月` : value;
}

/**
 * Consecutive year-months folded into ranges: [2024-01, 2024-02, 2024-03, 2024-06] →
 * ['2024年1月—2024年3月', '2024年6月'].
 */
export function monthRanges(months: string[]): string[] {
  const keys = [...new Set(months.map(monthKey).filter((k): k is number => k !== null))].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  const close = () => {
    if (start === undefined || prev === undefined) return;
    ranges.push(start === prev ? keyLabel(start) : `${keyLabel(start)}—${keyLabel(prev)}`);
  };
  for (const key of keys) {
    if (prev !== undefined && key === prev + 1) {
      prev = key;
      continue;
    }
    close();
    start = key;
    prev = key;
  }
  close();
  return ranges;
}

function monthKey(value: string): number | null {
  const m = /^(\d{4})-?(\d{2})/.exec(value);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
}

const keyLabel = (key: number): string => `${Math.floor(key / 12)}年${(key % 12) + 1}月`;
