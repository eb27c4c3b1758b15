// Users and sessions: all SQL for accounts lives here.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { isRole, PROVINCE, type Principal, type Role } from '../access/roles.js';
import type { Database } from '../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** A logged-in account is the request's principal (access/roles.ts). */
export type User = Principal;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region: string;
  org_uscc: string | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: isRole(r.role) ? r.role : 'auditor', // an unknown stored role gets the narrowest read-only one
  region: r.region,
  orgUscc: r.org_uscc,
});

export { toUser };

export async function findUserByUsername(db: Q, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Q, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function countUsers(db: Q): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertUser(
  db: Q,
  u: {
    username: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    region?: string;
    orgUscc?: string | null;
    status?: string;
    mustChangePassword?: boolean;
  },
): Promise<User> {
  const row = {
    id: randomUUID(),
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    password_hash: u.passwordHash,
    created_at: new Date().toISOString(),
    region: u.region ?? PROVINCE,
    org_uscc: u.orgUscc ?? null,
    status: u.status ?? 'active',
    must_change_password: u.mustChangePassword ? 1 : 0,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** Replace the hash only (a re-hash of the same password, or ADMIN_PASSWORD at start). */
export async function updatePasswordHash(db: Q, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** A new password chosen by its owner: dated, no longer forced. */
export async function setOwnPassword(db: Q, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: new Date().toISOString(), must_change_password: 0 })
    .where('id', '=', userId)
    .execute();
}

/** The enrolled TOTP secret (encrypted) and the step its confirming code used. */
export async function setTotpSecret(db: Q, userId: string, secretEnc: string | null, usedSteps = ''): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret_enc: secretEnc, totp_enrolled_at: secretEnc ? new Date().toISOString() : null, totp_used_steps: usedSteps })
    .where('id', '=', userId)
    .execute();
}

/** Compare-and-set of the used TOTP steps: false when another login used a code in between. */
export async function markTotpStepsUsed(db: Q, userId: string, before: string, after: string): Promise<boolean> {
  const r = await db.updateTable('users').set({ totp_used_steps: after }).where('id', '=', userId).where('totp_used_steps', '=', before).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** End every session of the account (password change, reset, disable). */
export async function deleteUserSessions(db: Q, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session; only the token's hash is stored. */
export async function createSession(db: Q, userId: string, idleMinutes: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, created_at: new Date(now).toISOString(), expires_at: new Date(now + idleMinutes * 60_000).toISOString() })
    .execute();
  return token;
}

/** The session's user, sliding its idle expiry forward; null when unknown or expired. */
export async function userForSession(db: Q, token: string, idleMinutes: number): Promise<User | null> {
  const th = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.region', 'users.org_uscc', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', th)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (Date.parse(row.expires_at) <= now) {
    await db.deleteFrom('sessions').where('token_hash', '=', th).execute();
    return null;
  }
  // Slide the idle timeout at most once a minute, to keep reads from writing.
  const next = now + idleMinutes * 60_000;
  if (next - Date.parse(row.expires_at) > 60_000)
    await db.updateTable('sessions').set({ expires_at: new Date(next).toISOString() }).where('token_hash', '=', th).execute();
  return toUser(row);
}

export async function deleteSession(db: Q, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}
