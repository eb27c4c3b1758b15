// Accounts as administrators see them: all SQL for listing and changing accounts, always inside the
// caller's jurisdiction (regionScope on users.region).

import type { Kysely, Transaction } from 'kysely';
import { regionScope } from '../access/scope.js';
import { regionPrefix, type Principal } from '../access/roles.js';
import type { UserRecord } from '../auth/users.repository.js';
import type { Database } from '../db/schema.js';
import { regionByCode } from '../domain/regions.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface AccountFilter {
  q?: string;
  role?: string;
  status?: string;
  region?: string;
}

const COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.region',
  'users.org_uscc',
  'users.status',
  'users.created_at',
  'users.password_changed_at',
  'users.totp_enrolled_at',
] as const;

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  region: string;
  regionName: string | null;
  orgUscc: string | null;
  status: string;
  createdAt: string;
  passwordChangedAt: string | null;
  totpEnrolled: boolean;
}

type Row = Pick<UserRecord, 'id' | 'username' | 'display_name' | 'role' | 'region' | 'org_uscc' | 'status' | 'created_at' | 'password_changed_at' | 'totp_enrolled_at'>;

export const presentAccount = (r: Row): AccountView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  region: r.region,
  regionName: regionByCode(r.region)?.name ?? null,
  orgUscc: r.org_uscc,
  status: r.status,
  createdAt: r.created_at,
  passwordChangedAt: r.password_changed_at,
  totpEnrolled: r.totp_enrolled_at !== null,
});

export async function listAccounts(db: Q, p: Principal, f: AccountFilter, page: { page: number; pageSize: number }) {
  let q = db.selectFrom('users').where(regionScope('users.region', p));
  if (f.q) {
    const like = `%${f.q.trim()}%`;
    q = q.where((eb) => eb.or([eb('users.username', 'like', like), eb('users.display_name', 'like', like), eb('users.org_uscc', 'like', like)]));
  }
  if (f.role) q = q.where('users.role', '=', f.role);
  if (f.status) q = q.where('users.status', '=', f.status);
  if (f.region) q = q.where('users.region', 'like', regionPrefix(f.region) + '%');
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(COLUMNS)
    .orderBy('users.region')
    .orderBy('users.username')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { total: Number(total.n), items: rows.map(presentAccount) };
}

/** One account inside the caller's jurisdiction, or undefined (outside scope is not found). */
export async function findAccountInScope(db: Q, p: Principal, id: string) {
  return db.selectFrom('users').select(COLUMNS).where('users.id', '=', id).where(regionScope('users.region', p)).executeTakeFirst();
}

export async function usernameTaken(db: Q, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function setAccountStatus(db: Q, id: string, status: string): Promise<void> {
  await db.updateTable('users').set({ status }).where('id', '=', id).execute();
}

/** After an administrator's reset: a new temporary password, to be changed at the next login; TOTP enrolled anew. */
export async function resetAccountCredentials(db: Q, id: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 1, password_changed_at: new Date().toISOString(), totp_secret_enc: null, totp_enrolled_at: null, totp_used_steps: '' })
    .where('id', '=', id)
    .execute();
}
