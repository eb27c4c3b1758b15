// The electronic certificates of one app instance: key ring, status list, token issue and online check.

import type { AppContext } from '../app.js';
import { AppError } from '../http/errors.js';
import { loadKek } from './key-encryption.js';
import { KeyRing } from './key-ring.js';
import { signCertificateToken } from './sign.js';
import { StatusListService } from './status-list-service.js';
import { statusValueOf } from './status-list.js';
import { certificateForCredential, ensureCredentialRef } from './credentials.repository.js';
import { outcomeFor, OUTCOME_TEXT, verifyCredentialToken, type TokenVerdict } from './verify-token.js';

export const STATUS_LIST_PATH = '/api/public/credentials/status-list';
export const VERIFY_PAGE_PATH = '/verify';

export class CredentialService {
  readonly keys: KeyRing;
  readonly statusList: StatusListService;

  constructor(private ctx: AppContext) {
    const { config, db } = ctx;
    this.keys = new KeyRing(db.kysely, loadKek(config.credentials.kek, config.dataDir));
    this.statusList = new StatusListService(db.kysely, this.keys, {
      uri: config.publicBaseUrl + STATUS_LIST_PATH,
      refreshSeconds: config.credentials.statusListRefreshSeconds,
      ttlSeconds: config.credentials.statusListTtlSeconds,
    });
  }

  verifyUrl(token: string): string {
    return `${this.ctx.config.publicBaseUrl}${VERIFY_PAGE_PATH}?t=${token}`;
  }

  /** A certificate of our registry with its signed token (its status-list index assigned on first use). */
  async electronicCertificate(certNo: string, source: string) {
    if (source !== '') throw new AppError('bad_request', '部门共享的证书由其发证部门出具电子证书，本系统只为本厅证书库的证书生成电子证书');
    const certificate = await certificateForCredential(this.ctx.db.kysely, certNo, source);
    if (!certificate) throw new AppError('not_found', `证书库中没有证书“${certNo}”`);
    const ref = await ensureCredentialRef(this.ctx.db.kysely, certNo, source);
    if (ref.created) this.statusList.invalidate();
    const signer = await this.keys.signer();
    const token = await signCertificateToken(ref, certificate, signer);
    return { certificate, ref, token, kid: signer.kid, verifyUrl: this.verifyUrl(token) };
  }

  /** The online check of a scanned token: signature and key on the token, status from the registry now. */
  async checkToken(token: string, lookupByCid: (cid: string) => Promise<Array<{ status: string; source: string }>>): Promise<TokenVerdict> {
    const now = Date.now();
    let verdict = await verifyCredentialToken(token, { keys: await this.keys.entries(), now, status: null });
    if (verdict.outcome === 'unknown_key' && verdict.kid) {
      // A key made by another instance since this one last looked.
      verdict = await verifyCredentialToken(token, { keys: await this.keys.entries({ reloadIfMissing: verdict.kid }), now, status: null });
    }
    if (!verdict.claims || !['valid', 'expired'].includes(verdict.outcome)) return verdict;
    const own = (await lookupByCid(verdict.claims.cid)).find((c) => c.source === '');
    const status = statusValueOf(own?.status);
    const outcome = outcomeFor(verdict.claims, status, now);
    return { ...verdict, outcome, reason: OUTCOME_TEXT[outcome], status };
  }
}

const services = new WeakMap<AppContext, CredentialService>();

export function credentialServiceOf(ctx: AppContext): CredentialService {
  let s = services.get(ctx);
  if (!s) {
    s = new CredentialService(ctx);
    services.set(ctx, s);
  }
  return s;
}
