// A QR token checked in the browser: signature with the published keys, status from the signed
// status list (cached), the same code the server's tests run (src/server/credentials/verify-token.ts).

import { tokenFromScan } from '../../../../server/credentials/token-format.js';
import { verifyCredentialToken, verifyStatusList, type TokenVerdict } from '../../../../server/credentials/verify-token.js';
import { loadVerifierMaterial } from './verify-api.js';

export interface BrowserCheck {
  token: string | null;
  verdict: TokenVerdict | null;
  /** When the status list was made (ms) and when this browser fetched it. */
  listIssuedAt: number | null;
  fetchedAt: number | null;
  fromCache: boolean;
  problem: string | null;
}

export async function checkScannedText(text: string): Promise<BrowserCheck> {
  const token = tokenFromScan(text);
  const empty = { token, verdict: null, listIssuedAt: null, fetchedAt: null, fromCache: false };
  if (!token) return { ...empty, problem: '二维码中没有本系统的核验令牌：这不是四川省住房和城乡建设厅签发的电子证书二维码。' };
  let material;
  try {
    material = await loadVerifierMaterial();
  } catch {
    return { ...empty, problem: '无法获取核验公钥和状态列表（网络不可用且本机没有缓存），请联网后重试。' };
  }
  let list = null;
  let problem: string | null = null;
  try {
    list = await verifyStatusList(material.statusList, material.keys);
  } catch (e) {
    problem = e instanceof Error ? e.message : '状态列表无法核验';
  }
  const verdict = await verifyCredentialToken(token, { keys: material.keys, now: Date.now(), statusList: list });
  return { token, verdict, listIssuedAt: list ? list.iat * 1000 : null, fetchedAt: material.fetchedAt, fromCache: material.fromCache, problem };
}

/** "3 分钟前" */
export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return '刚刚';
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`;
  if (s < 86_400) return `${Math.floor(s / 3600)} 小时前`;
  return `${Math.floor(s / 86_400)} 天前`;
}
