// The province administrator `admin`, created at first start. ADMIN_PASSWORD, when set, is its password;
// setting it to a new value resets the account (the operator's way back in): the new password, and the
// TOTP binding cleared so the next login enrols an authenticator again.

import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/schema.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';
import { deleteUserSessions, findUserByUsername, insertUser, setTotpSecret, updatePasswordHash } from './users.repository.js';

export const LOCAL_ADMIN = 'admin';

/**
 * Make sure the administrator exists. Returns the password when one was just chosen (to print once),
 * or null when the account already existed. ADMIN_PASSWORD, when set, is the password (and resets it).
 */
export async function ensureLocalAdmin(db: Kysely<Database>, configured: string | null): Promise<string | null> {
  const existing = await findUserByUsername(db, LOCAL_ADMIN);
  if (existing) {
    if (configured && !(await verifyPassword(configured, existing.password_hash))) {
      const hash = await hashPassword(configured);
      await db.transaction().execute(async (trx) => {
        await updatePasswordHash(trx, existing.id, hash);
        await setTotpSecret(trx, existing.id, null);
        await deleteUserSessions(trx, existing.id);
        await appendAudit(trx, null, { action: 'account.reset', objectType: 'user', objectId: existing.id, region: existing.region, details: { by: 'ADMIN_PASSWORD' } });
      });
    }
    return null;
  }
  const password = configured ?? generatePassword();
  await insertUser(db, { username: LOCAL_ADMIN, displayName: '系统管理员', role: 'admin', passwordHash: await hashPassword(password) });
  return configured ? null : password;
}
