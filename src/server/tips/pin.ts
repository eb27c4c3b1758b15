// The reporter's PIN: 6 to 12 digits they choose, stored as an argon2id hash (@node-rs/argon2).

import { hash, verify } from '@node-rs/argon2';

export const PIN_PATTERN = /^\d{6,12}$/;

/** Why a PIN is refused, or null when it is acceptable. */
export function pinProblem(pin: string): string | null {
  if (!PIN_PATTERN.test(pin)) return '应为 6 至 12 位数字';
  if (/^(\d)\1+$/.test(pin)) return '不能全部是同一个数字';
  if ('01234567890'.includes(pin) || '98765432109'.includes(pin)) return '不能是连续数字';
  return null;
}

export function hashPin(pin: string): Promise<string> {
  return hash(pin); // argon2id, m=19 MiB, t=2, p=1 (the library's defaults, OWASP's minimum)
}

/** A hash of a PIN nobody chose, to spend the same time when the code is unknown. */
let dummy: Promise<string> | null = null;

export async function verifyPin(pin: string, stored: string | null): Promise<boolean> {
  dummy ??= hash('000000-not-a-pin');
  const h = stored ?? (await dummy);
  try {
    const ok = await verify(h, pin);
    return stored !== null && ok;
  } catch {
    return false;
  }
}
