// Until accounts arrive (issue #5) the console has one local administrator, created at first start.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { generatePassword, hashPassword } from './password.js';
import { findUserByUsername, insertUser, updatePasswordHash } from './users.repository.js';

export const LOCAL_ADMIN = 'admin';

/**
 * Make sure the administrator exists. Returns the password when one was just chosen (to print once),
 * or null when the account already existed. ADMIN_PASSWORD, when set, is the password (and resets it).
 */
export async function ensureLocalAdmin(db: Kysely<Database>, configured: string | null): Promise<string | null> {
  const existing = await findUserByUsername(db, LOCAL_ADMIN);
  if (existing) {
    if (configured) await updatePasswordHash(db, existing.id, await hashPassword(configured));
    return null;
  }
  const password = configured ?? generatePassword();
  await insertUser(db, { username: LOCAL_ADMIN, displayName: '系统管理员', role: 'admin', passwordHash: await hashPassword(password) });
  return configured ? null : password;
}
