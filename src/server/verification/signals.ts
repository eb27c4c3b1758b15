// Signals for officials: a certificate checked by many clients, or from many places, in a short time
// (a borrowed certificate shown on many sites, or a number being probed). Pure thresholds and wording.

import type { SignalRow } from './verification.repository.js';

export interface SignalThresholds {
  minutes: number;
  minClients: number;
  minPlaces: number;
}

export interface Signal extends SignalRow {
  reasons: string[];
}

export function signalReasons(r: SignalRow, t: SignalThresholds): string[] {
  const span = t.minutes % 60 === 0 ? `${t.minutes / 60} 小时` : `${t.minutes} 分钟`;
  const out: string[] = [];
  if (r.clients >= t.minClients) out.push(`${span}内被 ${r.clients} 个不同客户端查询（阈值 ${t.minClients}）`);
  if (r.places >= t.minPlaces) out.push(`${span}内从 ${r.places} 个不同网络位置查询（阈值 ${t.minPlaces}）`);
  if (r.no_match > 0) out.push(`其中 ${r.no_match} 次姓名与证书不符或证书不存在`);
  return out;
}

export function toSignals(rows: SignalRow[], t: SignalThresholds): Signal[] {
  return rows.filter((r) => r.clients >= t.minClients || r.places >= t.minPlaces).map((r) => ({ ...r, reasons: signalReasons(r, t) }));
}
