// Password hashing: argon2id (@node-rs/argon2, OWASP parameters: 19 MiB, 2 passes, 1 lane).
// Hashes written before argon2id (scrypt$N$r$p$salt$hash, base64) still verify and are re-hashed at
// the next successful login (needsRehash).

import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// algorithm 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const ARGON2_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

// Passwords are compared as typed, after Unicode compatibility normalisation (full-width → ASCII).
const norm = (password: string) => password.normalize('NFKC');

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(norm(password), ARGON2);
}

let dummy: Promise<string> | null = null;

/** A hash to verify against when the account is unknown, so both answers cost the same time. */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString('hex')));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await argon2Verify(stored, norm(password));
    } catch {
      return false; // a damaged hash verifies nothing
    }
  }
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  return false;
}

/** True for hashes of an older scheme or parameters: re-hash after the next successful login. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(ARGON2_PREFIX);
}

function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  if (!salt || !hash) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  const options: ScryptOptions = { N: Number(n), r: Number(r), p: Number(p) };
  return new Promise((resolve) =>
    scryptCb(norm(password), Buffer.from(salt, 'base64'), expected.length, options, (err, key) =>
      resolve(!err && key.length === expected.length && timingSafeEqual(key, expected)),
    ),
  );
}

/** A password a person can type: 16 characters without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
