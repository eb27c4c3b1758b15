// Verifying a certificate token and a status list: signature, key state, expiry, status. Pure apart
// from WebCrypto (through jose), so the browser's verify page runs exactly this code.

import { compactVerify, importJWK, type CryptoKey } from 'jose';
import { decompressStatuses, statusAt, STATUS, type StatusValue } from './status-list.js';
import { ALGORITHMS, claimsOf, MAX_TOKEN_LENGTH, parseJsonObject, STATUS_LIST_TYP, strictDecode, TOKEN_TYP, type PublicKeyEntry, type TokenClaims } from './token-format.js';

export type TokenOutcome =
  | 'valid'
  | 'expired'
  | 'suspended'
  | 'revoked'
  | 'ended'
  | 'unknown_key'
  | 'retired_key'
  | 'compromised_key'
  | 'bad_signature'
  | 'unsupported_alg'
  | 'not_yet_valid'
  | 'malformed'
  | 'oversized';

/** Each outcome in plain Chinese, for the person holding the phone. */
export const OUTCOME_TEXT: Record<TokenOutcome, string> = {
  valid: '签名有效：此二维码由四川省住房和城乡建设厅签发，证书状态有效。',
  expired: '签名有效，但证书已超过有效期。',
  suspended: '签名有效，但证书已被暂扣，暂扣期间不能作为上岗凭证。',
  revoked: '签名有效，但证书已被吊销或撤销，不再有效。',
  ended: '签名有效，但证书已注销、失效或正在办理转出，不能作为上岗凭证。',
  unknown_key: '无法核验：二维码使用了未知的签名密钥，可能是伪造的。',
  retired_key: '二维码的签名密钥已停用：请持证人重新打印电子证书后再核验。',
  compromised_key: '二维码的签名密钥已作废（可能泄露），此二维码不可信，请以在线查询结果为准。',
  bad_signature: '签名无效：二维码内容被篡改或伪造。',
  unsupported_alg: '无法核验：二维码未使用本系统的签名算法，可能是伪造的。',
  not_yet_valid: '无法核验：二维码的签发时间晚于当前时间，请检查手机时间，或二维码为伪造。',
  malformed: '无法识别：这不是本系统签发的证书二维码，或二维码内容不完整。',
  oversized: '无法识别：二维码内容过长，不是本系统签发的证书二维码。',
};

export interface StatusListView {
  bytes: Uint8Array;
  /** When the list was made and until when it may be used (seconds). */
  iat: number;
  exp: number;
  kid: string;
  /** Indexes below this were assigned when the list was made; later ones are unknown to it. */
  assigned: number;
}

export interface TokenVerdict {
  outcome: TokenOutcome;
  reason: string;
  kid: string | null;
  claims: TokenClaims | null;
  /** The status-list value when a list was consulted and covers the certificate; else null. */
  status: StatusValue | null;
  /** The list consulted was past its `exp` (the answer may be out of date). */
  statusStale: boolean;
}

// Seconds of clock difference tolerated between the signer and a phone.
const CLOCK_SKEW = 300;

const keyCache = new Map<string, Promise<CryptoKey>>();
function cryptoKey(jwk: NonNullable<PublicKeyEntry['jwk']>): Promise<CryptoKey> {
  let k = keyCache.get(jwk.x);
  if (!k) {
    k = importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'EdDSA') as Promise<CryptoKey>;
    keyCache.set(jwk.x, k);
  }
  return k;
}

interface Parsed {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

type Checked = { ok: true; parsed: Parsed; kid: string } | { ok: false; outcome: TokenOutcome; kid: string | null };

/** Shape, header, key state and signature of a compact JWS of the expected `typ`. */
async function checkSignature(jws: string, typ: string, keys: PublicKeyEntry[], maxLength: number): Promise<Checked> {
  if (jws.length > maxLength) return { ok: false, outcome: 'oversized', kid: null };
  const parts = jws.split('.');
  if (parts.length !== 3) return { ok: false, outcome: 'malformed', kid: null };
  const [h, p, s] = parts as [string, string, string];
  const hb = strictDecode(h);
  const pb = strictDecode(p);
  const sb = strictDecode(s);
  const header = hb && parseJsonObject(hb);
  if (!header) return { ok: false, outcome: 'malformed', kid: null };
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) return { ok: false, outcome: 'unsupported_alg', kid: null };
  if ('crit' in header || 'jku' in header || 'jwk' in header || 'x5u' in header || header.b64 === false) return { ok: false, outcome: 'malformed', kid: null };
  const kid = typeof header.kid === 'string' ? header.kid : null;
  if (!kid) return { ok: false, outcome: 'malformed', kid: null };
  if (header.typ !== typ) return { ok: false, outcome: 'malformed', kid };
  const key = keys.find((k) => k.kid === kid);
  if (!key) return { ok: false, outcome: 'unknown_key', kid };
  if (key.status === 'retired') return { ok: false, outcome: 'retired_key', kid };
  if (key.status === 'compromised') return { ok: false, outcome: 'compromised_key', kid };
  if (!key.jwk) return { ok: false, outcome: 'unknown_key', kid };
  if (!pb || !sb || sb.length !== 64) return { ok: false, outcome: sb && sb.length !== 64 ? 'bad_signature' : 'malformed', kid };
  try {
    await compactVerify(jws, await cryptoKey(key.jwk), { algorithms: ALGORITHMS });
  } catch {
    return { ok: false, outcome: 'bad_signature', kid };
  }
  const payload = parseJsonObject(pb);
  if (!payload) return { ok: false, outcome: 'malformed', kid };
  return { ok: true, parsed: { header, payload }, kid };
}

const STATUS_OUTCOME: Record<StatusValue, TokenOutcome> = { [STATUS.valid]: 'valid', [STATUS.invalid]: 'revoked', [STATUS.suspended]: 'suspended', [STATUS.ended]: 'ended' };

/** The outcome of a token whose signature holds, given the certificate's status value (null = unknown). */
export function outcomeFor(claims: TokenClaims, status: StatusValue | null, nowMs: number): TokenOutcome {
  // A certificate withdrawn or suspended says so even when also expired.
  if (status !== null && status !== STATUS.valid) return STATUS_OUTCOME[status];
  return claims.exp <= Math.floor(nowMs / 1000) ? 'expired' : 'valid';
}

/**
 * A certificate token's verdict. `status` is the certificate's status value when known (the server
 * passes the registry's; the browser passes none and gives `statusList`).
 */
export async function verifyCredentialToken(
  token: string,
  options: { keys: PublicKeyEntry[]; now: number; statusList?: StatusListView | null; status?: StatusValue | null },
): Promise<TokenVerdict> {
  const fail = (outcome: TokenOutcome, kid: string | null, claims: TokenClaims | null = null): TokenVerdict => ({
    outcome,
    reason: OUTCOME_TEXT[outcome],
    kid,
    claims,
    status: null,
    statusStale: false,
  });
  const checked = await checkSignature(token.trim(), TOKEN_TYP, options.keys, MAX_TOKEN_LENGTH);
  if (!checked.ok) return fail(checked.outcome, checked.kid);
  const claims = claimsOf(checked.parsed.payload);
  if (!claims) return fail('malformed', checked.kid);
  const now = Math.floor(options.now / 1000);
  if (claims.iat > now + CLOCK_SKEW) return fail('not_yet_valid', checked.kid, claims);
  let status: StatusValue | null = options.status ?? null;
  let statusStale = false;
  if (status === null && options.statusList) {
    status = claims.idx < options.statusList.assigned ? statusAt(options.statusList.bytes, claims.idx) : null;
    statusStale = now > options.statusList.exp;
  }
  const outcome = outcomeFor(claims, status, options.now);
  return { outcome, reason: OUTCOME_TEXT[outcome], kid: checked.kid, claims, status, statusStale };
}

/** A signed status list, checked and opened; throws with a Chinese reason when it cannot be trusted. */
export async function verifyStatusList(jws: string, keys: PublicKeyEntry[]): Promise<StatusListView> {
  const checked = await checkSignature(jws.trim(), STATUS_LIST_TYP, keys, 16 * 1024 * 1024);
  if (!checked.ok) throw new Error(`状态列表无法核验：${OUTCOME_TEXT[checked.outcome]}`);
  const { payload } = checked.parsed;
  const sl = payload.status_list as { bits?: unknown; lst?: unknown } | undefined;
  const iat = payload.iat;
  const exp = payload.exp;
  if (!sl || sl.bits !== 2 || typeof sl.lst !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') throw new Error('状态列表格式不正确');
  const bytes = await decompressStatuses(sl.lst);
  const assigned = typeof payload.assigned === 'number' && Number.isSafeInteger(payload.assigned) ? payload.assigned : bytes.length * 4;
  return { bytes, iat, exp, kid: checked.kid, assigned };
}
