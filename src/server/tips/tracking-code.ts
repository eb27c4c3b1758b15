// The reporter's tracking code (查询码): 20 Crockford base32 characters (100 bits from the CSPRNG), shown in
// four groups of five for reading aloud. Crockford's alphabet has no I, L, O or U, and reading folds the
// look-alikes people type (O→0, I/L→1), lower case and separators. Only its SHA-256 is stored.

import { createHash, randomBytes } from 'node:crypto';

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 20;
/** Bits of randomness in a code: length × log2(alphabet size). */
export const CODE_BITS = CODE_LENGTH * Math.log2(CROCKFORD.length);

/** A fresh code, grouped: `7K3QD-M9X2A-…`. */
export function newTrackingCode(random: (n: number) => Buffer = randomBytes): string {
  // 100 bits from 13 random bytes: read 5 bits at a time, so every character is uniform.
  const bytes = random(Math.ceil((CODE_LENGTH * 5) / 8));
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < CODE_LENGTH) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return groupCode(out);
}

export function groupCode(code: string): string {
  return code.match(/.{1,5}/g)!.join('-');
}

/** What a person typed → the canonical 20 characters, or null when it cannot be a code. */
export function canonicalCode(typed: string): string | null {
  const s = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CROCKFORD.includes(ch)) return null;
  return s;
}

/** The stored form. Typed codes that are not codes hash to a value no code has (lookups then find nothing). */
export function codeHash(typed: string): string {
  return createHash('sha256').update(canonicalCode(typed) ?? `invalid:${typed}`).digest('hex');
}
