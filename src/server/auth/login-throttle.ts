// Back-off and lockout after failed logins, counted per account name (whether or not the account
// exists, so the answers for known, unknown and locked names are the same) and per client address.
// After `backoffAfter` failures each attempt must wait 1, 2, 4 … seconds after the last failure; after
// `lockoutAfter` the key is locked for `lockoutMinutes`. Counts fade once a lockout's length has passed
// since the last failure. Kept in the database, so every instance sees the same counts.

import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuthConfig } from '../../config.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';

type Q = Kysely<Database>;

export interface ThrottleRow {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

interface Limits {
  backoffAfter: number;
  lockoutAfter: number;
  lockoutMinutes: number;
}

export const accountKey = (username: string) => `user:${username.normalize('NFKC').trim().toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

/** Why an attempt must be refused now (before any password is checked), or null. Pure. */
export function throttleRefusal(row: ThrottleRow | undefined, nowMs: number, limits: Limits): AppError | null {
  if (!row) return null;
  if (row.locked_until && Date.parse(row.locked_until) > nowMs)
    return new AppError('rate_limited', `登录失败次数过多，已暂停登录 ${limits.lockoutMinutes} 分钟，请稍后再试或联系管理员`);
  const last = Date.parse(row.last_failure_at);
  if (nowMs - last >= limits.lockoutMinutes * 60_000) return null;
  if (row.failures < limits.backoffAfter) return null;
  const waitSeconds = 2 ** (row.failures - limits.backoffAfter);
  if (nowMs < last + waitSeconds * 1000) return new AppError('rate_limited', `登录失败次数过多，请 ${waitSeconds} 秒后再试`);
  return null;
}

export class LoginThrottle {
  constructor(
    private db: Q,
    private config: AuthConfig,
  ) {}

  private limitsFor(key: string): Limits {
    const c = this.config;
    return key.startsWith('addr:')
      ? { backoffAfter: c.addressBackoffAfter, lockoutAfter: c.addressLockoutAfter, lockoutMinutes: c.lockoutMinutes }
      : { backoffAfter: c.backoffAfter, lockoutAfter: c.lockoutAfter, lockoutMinutes: c.lockoutMinutes };
  }

  /** The first refusal among the keys (the account's first, so its answer does not depend on the address). */
  async refusal(keys: string[], nowMs = Date.now()): Promise<AppError | null> {
    const rows = await this.db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
    for (const key of keys) {
      const refusal = throttleRefusal(rows.find((r) => r.key === key), nowMs, this.limitsFor(key));
      if (refusal) return refusal;
    }
    return null;
  }

  /** Count a failure against every key (one atomic upsert each), locking those that reach the limit. */
  async recordFailure(keys: string[], nowMs = Date.now()): Promise<void> {
    const now = new Date(nowMs).toISOString();
    for (const key of keys) {
      const limits = this.limitsFor(key);
      const stale = new Date(nowMs - limits.lockoutMinutes * 60_000).toISOString();
      const row = await this.db
        .insertInto('login_throttle')
        .values({ key, failures: 1, last_failure_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql<number>`case when login_throttle.last_failure_at < ${stale} then 1 else login_throttle.failures + 1 end`,
            last_failure_at: now,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      if (Number(row.failures) >= limits.lockoutAfter) {
        const until = new Date(nowMs + limits.lockoutMinutes * 60_000).toISOString();
        await this.db.updateTable('login_throttle').set({ locked_until: until, failures: 0 }).where('key', '=', key).execute();
      }
    }
  }

  /** A successful login clears the account's count (the address keeps its own, fading with time). */
  async clear(key: string): Promise<void> {
    await clearThrottle(this.db, key);
  }
}

/** Forget a key's failures (a successful login, an administrator's reset). */
export async function clearThrottle(db: Q | Transaction<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
