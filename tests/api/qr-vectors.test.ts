// QR token test vectors (each with its expected outcome) and the bit-flip fuzz: ≥ 10,000 tokens with
// one bit flipped, none accepted.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { verifyCredentialToken, verifyStatusList, type StatusListView } from '../../src/server/credentials/verify-token.js';
import { ACTIVE, buildVectors, flipDecoded, KEYS, NOW_MS, sign, statusListJws } from './qr-vectors.js';

const VECTORS_FILE = fileURLToPath(new URL('./qr-test-vectors.json', import.meta.url));

let list: StatusListView;
const verify = (token: string) => verifyCredentialToken(token, { keys: KEYS, now: NOW_MS, statusList: list });

/** A small seeded PRNG (mulberry32), so a failing fuzz case can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('QR token test vectors', async () => {
  list = await verifyStatusList(await statusListJws(), KEYS);
  const vectors = await buildVectors();

  it('are the published ones (qr-test-vectors.json)', async () => {
    const doc = {
      description: 'CertGuard QR token test vectors: compact JWS, Ed25519 (EdDSA). Verify at `now` with `keys` and `statusList`; each vector gives the expected outcome.',
      now: new Date(NOW_MS).toISOString(),
      keys: KEYS,
      statusList: await statusListJws(),
      vectors,
    };
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (!existsSync(VECTORS_FILE) || process.env.UPDATE_VECTORS) writeFileSync(VECTORS_FILE, text);
    expect(readFileSync(VECTORS_FILE, 'utf8')).toBe(text);
  });

  for (const v of vectors) {
    it(`${v.name} → ${v.expected}`, async () => {
      const verdict = await verify(v.token);
      expect(verdict.outcome).toBe(v.expected);
      expect(verdict.reason.length).toBeGreaterThan(5);
    });
  }

  it('reads the status list: how old it is and what it says', () => {
    expect(list.iat).toBe(NOW_MS / 1000 - 600);
    expect(list.kid).toBe(ACTIVE.kid);
  });

  it('refuses a status list with a flipped bit', async () => {
    const jws = await statusListJws();
    await expect(verifyStatusList(flipDecoded(jws, 1, 40), KEYS)).rejects.toThrow(/状态列表/);
  });
});

describe('bit-flip fuzz', () => {
  it('accepts none of 10,000 tokens with one bit flipped, in the text or in the decoded bytes', async () => {
    const rand = prng(20_240_501);
    const N = 10_000;
    let checked = 0;
    const accepted: string[] = [];
    const outcomes = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const token = await sign({ cid: `fuzz${String(i).padStart(8, '0')}`, idx: i % 5, iat: 1_700_000_000, exp: 1_900_000_000 + i }, ACTIVE);
      // Flip a bit of one character of the token text…
      const pos = Math.floor(rand() * token.length);
      const textFlip = token.slice(0, pos) + String.fromCharCode(token.charCodeAt(pos) ^ (1 << Math.floor(rand() * 7))) + token.slice(pos + 1);
      // …and a bit of the decoded header, payload or signature.
      const seg = Math.floor(rand() * 3);
      const segLen = Buffer.from(token.split('.')[seg]!, 'base64url').length;
      const byteFlip = flipDecoded(token, seg, Math.floor(rand() * segLen * 8));
      for (const t of [textFlip, byteFlip]) {
        const v = await verify(t);
        checked++;
        outcomes.set(v.outcome, (outcomes.get(v.outcome) ?? 0) + 1);
        if (v.claims !== null) accepted.push(t);
      }
    }
    expect(checked).toBe(2 * N);
    expect(accepted).toEqual([]);
    // Most flips are caught by the signature; the rest by shape, header or canonical encoding.
    expect(outcomes.get('bad_signature') ?? 0).toBeGreaterThan(N / 2);
  }, 300_000);

  it('accepts none of the flips of every single bit of one token', async () => {
    const token = await sign({ cid: 'exhaustive01', idx: 0, iat: 1_700_000_000, exp: 1_900_000_000 }, ACTIVE);
    expect((await verify(token)).outcome).toBe('valid');
    for (let pos = 0; pos < token.length; pos++) {
      for (let b = 0; b < 8; b++) {
        const t = token.slice(0, pos) + String.fromCharCode(token.charCodeAt(pos) ^ (1 << b)) + token.slice(pos + 1);
        expect((await verify(t)).claims, `char ${pos} bit ${b}`).toBeNull();
      }
    }
  }, 300_000);
});
