// The QR token and the status list as compact JWS (Ed25519, "EdDSA"). Shared by the signer, the
// server's verifier and the browser's: no Node-only imports here.

import { base64url } from 'jose';

/** `typ` of a certificate token; the status list uses the IETF `statuslist+jwt`. */
export const TOKEN_TYP = 'cg-cert';
export const STATUS_LIST_TYP = 'statuslist+jwt';
export const ALGORITHMS = ['EdDSA', 'Ed25519'];

/** Tokens are ~260 characters; anything past this is refused before parsing. */
export const MAX_TOKEN_LENGTH = 1024;

/** What a token says: an opaque certificate id, its status-list index, issue and expiry (seconds). No personal data. */
export interface TokenClaims {
  cid: string;
  idx: number;
  iat: number;
  exp: number;
}

export interface PublicKeyEntry {
  kid: string;
  /** active / verify accept; retired / compromised refuse with their reason. */
  status: 'active' | 'verify' | 'retired' | 'compromised';
  /** The public JWK (absent for keys that no longer verify). */
  jwk?: { kty: string; crv: string; x: string };
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** base64url decode that refuses non-canonical encodings (so no two strings decode to one token). */
export function strictDecode(segment: string): Uint8Array | null {
  if (!SEGMENT.test(segment) || segment.length % 4 === 1) return null;
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(segment);
  } catch {
    return null;
  }
  return base64url.encode(bytes) === segment ? bytes : null;
}

export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A token's claims when they have exactly the expected shape. */
export function claimsOf(payload: Record<string, unknown>): TokenClaims | null {
  const { cid, idx, iat, exp } = payload;
  if (typeof cid !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(cid)) return null;
  for (const n of [idx, iat, exp]) if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return null;
  if ((exp as number) <= (iat as number)) return null;
  return { cid, idx: idx as number, iat: iat as number, exp: exp as number };
}

/** The token carried by a scanned QR: a verify-page URL (`…/verify?t=TOKEN`) or the bare token. */
export function tokenFromScan(text: string): string | null {
  const s = text.trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(s)) return s;
  try {
    const u = new URL(s);
    return u.searchParams.get('t') ?? new URLSearchParams(u.hash.slice(1)).get('t');
  } catch {
    return null;
  }
}
