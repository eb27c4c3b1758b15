// The signing keys' private halves are stored encrypted (AES-256-GCM) under a key-encryption key:
// CREDENTIALS_KEK when configured (required when several instances share a database), else a key
// file created once in the data directory with mode 0600. Private keys are never served.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'v1';

export function loadKek(configured: Buffer | null, dataDir: string): Buffer {
  if (configured) return configured;
  const path = join(dataDir, 'credentials.kek');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e; // another instance made it first
    }
  }
  chmodSync(path, 0o600);
  const kek = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (kek.length !== 32) throw new Error(`${path} does not hold a 32-byte key`);
  return kek;
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to the key id so a blob cannot be moved to another key. */
export function encryptPrivateKey(pkcs8: Buffer, kek: Buffer, kid: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(Buffer.from(kid));
  const ct = Buffer.concat([c.update(pkcs8), c.final()]);
  return [VERSION, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export class KeyDecryptionError extends Error {}

export function decryptPrivateKey(blob: string, kek: Buffer, kid: string): Buffer {
  const [v, iv, tag, ct] = blob.split('.');
  if (v !== VERSION || !iv || !tag || !ct) throw new KeyDecryptionError(`signing key ${kid}: unknown format`);
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(kid));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]);
  } catch {
    throw new KeyDecryptionError(
      `签名密钥 ${kid} 的私钥无法解密：本实例的密钥加密密钥与创建它的实例不同。多个实例共用数据库时，须为每个实例配置相同的 CREDENTIALS_KEK。`,
    );
  }
}
