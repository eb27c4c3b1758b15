// The public verification API and the material a browser needs to check a QR token by itself
// (public keys, signed status list), cached in localStorage so a check still works offline.

import { ApiError } from '../../api.js';
import type { PublicKeyEntry } from '../../../../server/credentials/token-format.js';

export interface VerifiedCertificate {
  result: string;
  label: string;
  certNo: string;
  kind: string;
  category: string;
  categoryLabel?: string;
  operation: string | null;
  operationLabel: string | null;
  holderName: string;
  holderIdNo: string;
  employerName: string | null;
  employerUscc: string | null;
  issuer: string | null;
  issued: string;
  expires: string;
  status: string;
  source: 'own' | 'shared';
  sourceName: string;
}

export interface VerifyAnswer {
  result: string;
  label: string;
  message: string;
  certificates: VerifiedCertificate[];
  token?: { outcome: string; reason: string; kid: string | null; issued: string | null; expires: string | null };
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (res.ok) return (await res.json()) as T;
  let message = `请求失败（HTTP ${res.status}）`;
  let code = `http_${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    message = body.error?.message ?? message;
    code = body.error?.code ?? code;
  } catch {
    // keep the generic message
  }
  throw new ApiError(res.status, code, message);
}

export function verifyByQuery(q: { certNo?: string; idNo?: string; name: string }): Promise<VerifyAnswer> {
  const p = new URLSearchParams({ channel: 'web', name: q.name });
  if (q.certNo) p.set('certNo', q.certNo);
  if (q.idNo) p.set('idNo', q.idNo);
  return getJson(`/api/public/verify?${p}`);
}

export function verifyTokenOnline(token: string): Promise<VerifyAnswer> {
  return getJson(`/api/public/verify/token?t=${encodeURIComponent(token)}`);
}

export interface VerifierMaterial {
  keys: PublicKeyEntry[];
  statusList: string;
  /** When this browser fetched it (ms). */
  fetchedAt: number;
  fromCache: boolean;
}

const CACHE_KEY = 'certguard.verifier-material';

/** Keys and status list: fresh from the server when it answers, else the cached copy. */
export async function loadVerifierMaterial(): Promise<VerifierMaterial> {
  try {
    const [keys, statusList] = await Promise.all([
      getJson<{ keys: PublicKeyEntry[] }>('/api/public/credentials/keys'),
      fetch('/api/public/credentials/status-list').then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.text();
      }),
    ]);
    const m = { keys: keys.keys, statusList, fetchedAt: Date.now() };
    try {
      localStorage.setItem(CACHE_KEY, JSON.stringify(m));
    } catch {
      // storage full or disabled: the check still runs, just without an offline copy
    }
    return { ...m, fromCache: false };
  } catch (e) {
    const cached = localStorage.getItem(CACHE_KEY);
    if (!cached) throw e;
    return { ...(JSON.parse(cached) as Omit<VerifierMaterial, 'fromCache'>), fromCache: true };
  }
}
