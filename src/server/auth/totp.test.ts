import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, checkTotp, hotp, otpauthUri, parseUsedSteps, totpCode, withUsedStep } from './totp.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; 8-digit values there,
// whose last 6 digits are the 6-digit codes.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, expected] of vectors) expect(totpCode(RFC_SECRET, t * 1000)).toBe(expected.slice(-6));
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    const secret = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32', () => {
    const b = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 17]);
    expect(base32Decode(base32Encode(b))).toEqual(b);
  });

  it('accepts one step of drift, refuses two, and refuses a used step', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now, step - 1), now, [])).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now, step + 1), now, [])).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now, step + 2), now, [])).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now, step), now, [step])).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(RFC_SECRET, 'abcdef', now, [])).toEqual({ ok: false, reason: 'wrong' });
  });

  it('keeps only recent used steps', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(parseUsedSteps(withUsedStep([step - 10, step - 1], step, now))).toEqual([step - 1, step]);
    expect(parseUsedSteps('')).toEqual([]);
  });

  it('writes an otpauth URI authenticator apps read', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'admin');
    expect(uri).toMatch(/^otpauth:\/\/totp\/%E8%AF%81%E7%9B%BE%20CertGuard%3Aadmin\?secret=JBSWY3DPEHPK3PXP&issuer=/);
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });
});
