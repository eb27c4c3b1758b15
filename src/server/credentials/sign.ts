// Signing compact JWS with the active Ed25519 key.

import { CompactSign } from 'jose';
import type { Signer } from './key-ring.js';
import type { TokenClaims } from './token-format.js';
import { TOKEN_TYP } from './token-format.js';

export async function signJws(payload: object, typ: string, signer: Signer): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ }).sign(signer.privateKey);
}

/** Seconds at 00:00 CST of an ISO day, and at the end of it. */
export const startOfDayCst = (day: string): number => Date.parse(`${day}T00:00:00+08:00`) / 1000;
export const endOfDayCst = (day: string): number => startOfDayCst(day) + 86_400;

/**
 * A certificate's token: issue = the certificate's issue date, expiry = the end of its expiry date
 * (CST). Ed25519 signatures are deterministic, so reprinting gives the same QR until the key changes.
 */
export async function signCertificateToken(ref: { cid: string; idx: number }, cert: { issued: string; expires: string }, signer: Signer): Promise<string> {
  const claims: TokenClaims = { cid: ref.cid, idx: ref.idx, iat: startOfDayCst(cert.issued), exp: endOfDayCst(cert.expires) };
  return signJws(claims, TOKEN_TYP, signer);
}
