// Opaque references to personal identifiers. Lists show ID numbers masked, yet a row must still open its
// detail: the row carries `ref`, the identifier sealed (AES-256-GCM with a synthetic IV, so one person has
// one stable ref) under a key derived from the installation's key-encryption key. Only the server can
// open a ref; it reveals nothing to the browser, its history or a log line.

import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { Config } from '../../config.js';
import { loadKek } from '../credentials/key-encryption.js';

const PREFIX = 'r.';

export class RefSealer {
  private readonly encKey: Buffer;
  private readonly ivKey: Buffer;

  constructor(secret: Buffer) {
    this.encKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'certguard ref enc', 32));
    this.ivKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'certguard ref iv', 32));
  }

  seal(value: string): string {
    const iv = createHmac('sha256', this.ivKey).update(value).digest().subarray(0, 12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([c.update(value, 'utf8'), c.final()]);
    return PREFIX + Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64url');
  }

  /** The sealed value, or null when `ref` is not a ref this installation made. */
  open(ref: string): string | null {
    if (!ref.startsWith(PREFIX)) return null;
    const raw = Buffer.from(ref.slice(PREFIX.length), 'base64url');
    if (raw.length < 29) return null;
    try {
      const d = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** A path parameter that may be a ref or the plain identifier (officials may type an ID number). */
  resolve(param: string): string {
    return param.startsWith(PREFIX) ? (this.open(param) ?? '') : param;
  }
}

const sealers = new WeakMap<Config, RefSealer>();

export function refSealerOf(config: Config): RefSealer {
  let s = sealers.get(config);
  if (!s) sealers.set(config, (s = new RefSealer(loadKek(config.credentials.kek, config.dataDir))));
  return s;
}
