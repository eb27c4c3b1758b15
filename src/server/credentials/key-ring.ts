// The signing keys of one installation: one active key signs; after a rotation the previous keys
// still verify until retired; a compromised key verifies nothing. Read from the database (shared by
// every instance) and cached briefly.

import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { insertSigningKey, listSigningKeys, setKeyStatus, type KeyStatus, type SigningKeyRow } from './credentials.repository.js';
import type { PublicKeyEntry } from './token-format.js';

export interface Signer {
  kid: string;
  privateKey: KeyObject;
}

export interface KeyInfo {
  kid: string;
  status: KeyStatus;
  createdAt: string;
  changedAt: string;
  note: string | null;
}

function newKid(now: Date): string {
  return `k${now.toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(3).toString('hex')}`;
}

function isUniqueViolation(e: unknown): boolean {
  const x = e as { code?: string; message?: string };
  return x.code === '23505' || String(x.code).startsWith('SQLITE_CONSTRAINT') || /UNIQUE constraint/.test(x.message ?? '');
}

export class KeyRing {
  private rows: SigningKeyRow[] | null = null;
  private loadedAt = 0;
  private signerCache: Signer | null = null;

  constructor(
    private db: Kysely<Database>,
    private kek: Buffer,
    private cacheMs = 10_000,
  ) {}

  invalidate(): void {
    this.rows = null;
    this.signerCache = null;
  }

  private async load(force = false): Promise<SigningKeyRow[]> {
    if (!force && this.rows && Date.now() - this.loadedAt < this.cacheMs) return this.rows;
    this.rows = await listSigningKeys(this.db);
    this.loadedAt = Date.now();
    if (this.signerCache && !this.rows.some((r) => r.kid === this.signerCache!.kid && r.status === 'active')) this.signerCache = null;
    return this.rows;
  }

  /** Every key with its state; public JWKs only for the keys that verify. */
  async entries(options: { reloadIfMissing?: string } = {}): Promise<PublicKeyEntry[]> {
    let rows = await this.load();
    if (options.reloadIfMissing && !rows.some((r) => r.kid === options.reloadIfMissing) && Date.now() - this.loadedAt > 1000) rows = await this.load(true);
    return rows.map((r) => ({
      kid: r.kid,
      status: r.status as KeyStatus,
      ...(r.status === 'active' || r.status === 'verify' ? { jwk: JSON.parse(r.public_jwk) as PublicKeyEntry['jwk'] } : {}),
    }));
  }

  async list(): Promise<KeyInfo[]> {
    return (await this.load(true)).map((r) => ({ kid: r.kid, status: r.status as KeyStatus, createdAt: r.created_at, changedAt: r.changed_at, note: r.note }));
  }

  /** The public keys a verifier may accept (`/.well-known/jwks.json`). */
  async jwks(): Promise<{ keys: Array<Record<string, string>> }> {
    await this.signer(); // a fresh installation has its first key before anyone asks for it
    const rows = await this.load();
    return {
      keys: rows
        .filter((r) => r.status === 'active' || r.status === 'verify')
        .map((r) => ({ ...(JSON.parse(r.public_jwk) as Record<string, string>), kid: r.kid, alg: 'EdDSA', use: 'sig' })),
    };
  }

  private makeKey(status: KeyStatus, note: string | null): { row: SigningKeyRow; signer: Signer } {
    const now = new Date();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const kid = newKid(now);
    const jwk = publicKey.export({ format: 'jwk' });
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    return {
      row: {
        kid,
        alg: 'EdDSA',
        public_jwk: JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }),
        private_enc: encryptPrivateKey(pkcs8, this.kek, kid),
        status,
        created_at: now.toISOString(),
        changed_at: now.toISOString(),
        note,
      },
      signer: { kid, privateKey },
    };
  }

  /** The active key (created on first use). */
  async signer(): Promise<Signer> {
    if (this.signerCache) return this.signerCache;
    for (let attempt = 0; attempt < 5; attempt++) {
      const active = (await this.load(attempt > 0)).find((r) => r.status === 'active');
      if (active) {
        this.signerCache = { kid: active.kid, privateKey: createPrivateKey({ key: decryptPrivateKey(active.private_enc, this.kek, active.kid), format: 'der', type: 'pkcs8' }) };
        return this.signerCache;
      }
      const { row } = this.makeKey('active', '首个签名密钥');
      try {
        await insertSigningKey(this.db, row);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // another instance created it: read it
      }
    }
    throw new Error('no active signing key');
  }

  /** A new key signs from now on; the previous one keeps verifying until retired. */
  async rotate(note: string | null = null, actor: AuditActor = null): Promise<KeyInfo> {
    const { row } = this.makeKey('active', note ?? '轮换');
    await this.db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      const previous = (await listSigningKeys(trx)).filter((r) => r.status === 'active');
      for (const r of previous) await setKeyStatus(trx, r.kid, 'verify', r.note, now);
      await insertSigningKey(trx, row);
      await appendAudit(trx, actor, keyEntry(actor, 'credentials.key_rotated', row.kid, { note, previous: previous.map((r) => r.kid) }));
    });
    this.invalidate();
    return { kid: row.kid, status: 'active', createdAt: row.created_at, changedAt: row.changed_at, note: row.note };
  }

  /** Tokens of a retired key no longer verify (planned end of life). The active key must be rotated first. */
  async retire(kid: string, note: string | null = null, actor: AuditActor = null): Promise<void> {
    const row = (await this.load(true)).find((r) => r.kid === kid);
    if (!row) throw new AppError('not_found', `签名密钥 ${kid} 不存在`);
    if (row.status === 'active') throw new AppError('conflict', '不能停用正在签名的密钥：请先轮换密钥，再停用旧密钥');
    if (row.status !== 'verify') throw new AppError('conflict', `签名密钥 ${kid} 已是“${row.status === 'retired' ? '已停用' : '已作废'}”状态`);
    await this.db.transaction().execute(async (trx) => {
      await setKeyStatus(trx, kid, 'retired', note ?? '停用', new Date().toISOString());
      await appendAudit(trx, actor, keyEntry(actor, 'credentials.key_retired', kid, { note }));
    });
    this.invalidate();
  }

  /** A compromised key verifies nothing from now on; if it was signing, a new key takes over at once. */
  async compromise(kid: string, note: string | null = null, actor: AuditActor = null): Promise<void> {
    const row = (await this.load(true)).find((r) => r.kid === kid);
    if (!row) throw new AppError('not_found', `签名密钥 ${kid} 不存在`);
    if (row.status === 'compromised') return;
    const replacement = row.status === 'active' ? this.makeKey('active', `替换作废密钥 ${kid}`).row : null;
    await this.db.transaction().execute(async (trx) => {
      await setKeyStatus(trx, kid, 'compromised', note ?? '作废（泄露）', new Date().toISOString());
      if (replacement) await insertSigningKey(trx, replacement);
      await appendAudit(trx, actor, keyEntry(actor, 'credentials.key_compromised', kid, { note, wasSigning: !!replacement, replacement: replacement?.kid ?? null }));
    });
    this.invalidate();
  }
}

/** The audit entry of a key's change of state (recorded in the same transaction). */
function keyEntry(actor: AuditActor, action: string, kid: string, details: Record<string, unknown>) {
  return { action, objectType: 'signing_key', objectId: kid, region: actor?.region ?? null, details };
}
