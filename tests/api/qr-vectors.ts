// Deterministic QR-token test vectors: fixed Ed25519 seeds, a fixed clock, a fixed status list.
// Ed25519 signatures are deterministic, so the same inputs always give the same tokens; the vectors
// are also written to qr-test-vectors.json for verifiers written elsewhere (apps, other languages).

import { base64url, CompactSign } from 'jose';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { compressStatuses, packStatuses, STATUS } from '../../src/server/credentials/status-list.js';
import { STATUS_LIST_TYP, TOKEN_TYP, type PublicKeyEntry } from '../../src/server/credentials/token-format.js';
import type { TokenOutcome } from '../../src/server/credentials/verify-token.js';

export function seededKey(seedByte: number): { privateKey: KeyObject; jwk: { kty: string; crv: string; x: string } } {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, seedByte)]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const j = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, jwk: { kty: j.kty!, crv: j.crv!, x: j.x! } };
}

export const ACTIVE = { kid: 'kvec-active', ...seededKey(1) };
export const RETIRED = { kid: 'kvec-retired', ...seededKey(2) };
export const COMPROMISED = { kid: 'kvec-compromised', ...seededKey(3) };
export const UNKNOWN = { kid: 'kvec-unknown', ...seededKey(4) };

export const KEYS: PublicKeyEntry[] = [
  { kid: ACTIVE.kid, status: 'active', jwk: ACTIVE.jwk },
  { kid: RETIRED.kid, status: 'retired' },
  { kid: COMPROMISED.kid, status: 'compromised' },
];

/** 2026-06-01 00:00 CST. */
export const NOW_MS = Date.parse('2026-06-01T00:00:00+08:00');
const day = (d: string) => Date.parse(`${d}T00:00:00+08:00`) / 1000;

export async function sign(payload: object, key: { kid: string; privateKey: KeyObject }, header: Record<string, unknown> = {}): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: TOKEN_TYP, ...header }).sign(key.privateKey);
}

const claims = (cid: string, idx: number, issued = '2024-03-15', expires = '2027-03-14') => ({ cid, idx, iat: day(issued), exp: day(expires) + 86_400 });

/** Index → status in the vectors' list. */
export const LIST_ENTRIES: Array<[number, (typeof STATUS)[keyof typeof STATUS]]> = [
  [0, STATUS.valid],
  [1, STATUS.suspended],
  [2, STATUS.invalid],
  [3, STATUS.ended],
  [4, STATUS.valid],
];

export async function statusListJws(): Promise<string> {
  const lst = await compressStatuses(packStatuses(16, LIST_ENTRIES));
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ sub: 'https://example.invalid/status-list', iat: NOW_MS / 1000 - 600, exp: NOW_MS / 1000 + 86_400, ttl: 300, status_list: { bits: 2, lst } })))
    .setProtectedHeader({ alg: 'EdDSA', kid: ACTIVE.kid, typ: STATUS_LIST_TYP })
    .sign(ACTIVE.privateKey);
}

/** Flip one bit of the decoded bytes of a segment (0 header, 1 payload, 2 signature) and re-encode. */
export function flipDecoded(token: string, segment: number, bit: number): string {
  const parts = token.split('.');
  const bytes = base64url.decode(parts[segment]!);
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  parts[segment] = base64url.encode(bytes);
  return parts.join('.');
}

export interface Vector {
  name: string;
  token: string;
  expected: TokenOutcome;
}

export async function buildVectors(): Promise<Vector[]> {
  const valid = await sign(claims('vecValid0001', 0), ACTIVE);
  const none = base64url.encode(JSON.stringify({ alg: 'none', kid: ACTIVE.kid, typ: TOKEN_TYP })) + '.' + valid.split('.')[1] + '.';
  const hs256 = base64url.encode(JSON.stringify({ alg: 'HS256', kid: ACTIVE.kid, typ: TOKEN_TYP })) + '.' + valid.split('.')[1] + '.' + valid.split('.')[2];
  return [
    { name: 'valid', token: valid, expected: 'valid' },
    { name: 'expired', token: await sign(claims('vecExpired01', 4, '2022-01-01', '2025-12-31'), ACTIVE), expected: 'expired' },
    { name: 'suspended', token: await sign(claims('vecSuspend01', 1), ACTIVE), expected: 'suspended' },
    { name: 'revoked', token: await sign(claims('vecRevoked01', 2), ACTIVE), expected: 'revoked' },
    { name: 'ended (cancelled, lapsed or transferring out)', token: await sign(claims('vecEnded0001', 3), ACTIVE), expected: 'ended' },
    { name: 'unknown key', token: await sign(claims('vecUnknown01', 0), UNKNOWN), expected: 'unknown_key' },
    { name: 'retired key', token: await sign(claims('vecRetired01', 0), RETIRED), expected: 'retired_key' },
    { name: 'compromised key', token: await sign(claims('vecCompro001', 0), COMPROMISED), expected: 'compromised_key' },
    { name: 'one flipped byte (signature)', token: flipDecoded(valid, 2, 8 * 10 + 3), expected: 'bad_signature' },
    { name: 'one flipped byte (payload)', token: flipDecoded(valid, 1, 8 * 12), expected: 'bad_signature' },
    { name: 'alg:none', token: none, expected: 'unsupported_alg' },
    { name: 'alg:HS256 with the key id of an Ed25519 key', token: hs256, expected: 'unsupported_alg' },
    { name: 'truncated', token: valid.slice(0, 100), expected: 'malformed' },
    { name: 'truncated signature', token: valid.slice(0, -4), expected: 'malformed' },
    { name: 'oversized', token: await sign({ ...claims('vecOversize1', 0), pad: 'x'.repeat(1200) }, ACTIVE), expected: 'oversized' },
    { name: 'issued in the future', token: await sign(claims('vecFuture001', 0, '2026-09-01', '2029-08-31'), ACTIVE), expected: 'not_yet_valid' },
    { name: 'a status list presented as a token', token: await statusListJws(), expected: 'malformed' },
    { name: 'missing claims', token: await sign({ cid: 'vecNoIdx0001', iat: day('2024-01-01'), exp: day('2027-01-01') }, ACTIVE), expected: 'malformed' },
    { name: 'not a token at all', token: 'https://example.com/verify?t=hello', expected: 'malformed' },
  ];
}
