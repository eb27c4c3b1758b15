// Time-based one-time passwords, RFC 6238 over HOTP (RFC 4226): HMAC-SHA-1, 6 digits, 30-second steps,
// one step of clock drift either way. A code is accepted once (§5.2): the steps already used are kept
// and a code of a used step is refused. Pure functions apart from the random secret.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now. */
export const TOTP_DRIFT = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error('not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** HOTP value for a counter (RFC 4226 §5.3, dynamic truncation). */
export function hotp(secret: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** The code of a base32 secret at a time (or at an explicit step). */
export function totpCode(secretBase32: string, nowMs: number, step = totpStep(nowMs)): string {
  return hotp(base32Decode(secretBase32), step);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/** Check a code against the steps around now, refusing steps already used. */
export function checkTotp(secretBase32: string, code: string, nowMs: number, usedSteps: readonly number[]): TotpCheck {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return { ok: false, reason: 'wrong' };
  const secret = base32Decode(secretBase32);
  const now = totpStep(nowMs);
  let replayed = false;
  for (let step = now - TOTP_DRIFT; step <= now + TOTP_DRIFT; step++) {
    if (!timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(given))) continue;
    if (usedSteps.includes(step)) replayed = true;
    else return { ok: true, step };
  }
  return { ok: false, reason: replayed ? 'replayed' : 'wrong' };
}

/** Used steps as stored (comma-separated), and the list to store after using `step` (old ones dropped). */
export function parseUsedSteps(stored: string): number[] {
  return stored ? stored.split(',').map(Number).filter(Number.isInteger) : [];
}

export function withUsedStep(used: readonly number[], step: number, nowMs: number): string {
  const oldest = totpStep(nowMs) - TOTP_DRIFT - 1;
  return [...used.filter((s) => s >= oldest), step].sort((a, b) => a - b).join(',');
}

/** The provisioning URI authenticator apps read from the QR code (Google Authenticator key URI format). */
export function otpauthUri(secretBase32: string, account: string, issuer = '证盾 CertGuard'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const q = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${q.toString().replace(/\+/g, '%20')}`;
}
