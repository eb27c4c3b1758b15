// Administrators' use cases on accounts: create, disable, enable, reset. Only in their own
// jurisdiction and below (governs); an account outside it is "not found". Each change is recorded in
// the audit log in its own transaction.

import type { Kysely } from 'kysely';
import { governs, type Principal } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { accountKey, clearThrottle } from '../auth/login-throttle.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { deleteUserSessions, insertUser } from '../auth/users.repository.js';
import type { Database } from '../db/schema.js';
import { maskName } from '../domain/masking.js';
import { AppError } from '../http/errors.js';
import { checkAccountFields, type AccountFields } from './account-input.js';
import { findAccountInScope, presentAccount, resetAccountCredentials, setAccountStatus, usernameTaken, type AccountView } from './accounts.repository.js';

type Db = Kysely<Database>;

/** A new account with a temporary password (shown once; changed at the first login). */
export async function createAccount(db: Db, actor: Principal, fields: AccountFields): Promise<{ account: AccountView; password: string }> {
  const checked = checkAccountFields(fields);
  if ('problem' in checked) throw new AppError('bad_request', checked.problem);
  const f = checked.ok;
  if (!governs(actor, f.region)) throw new AppError('bad_request', `所属辖区：只能在本辖区（${actor.region}）及下级辖区创建账号`);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const account = await db.transaction().execute(async (trx) => {
    if (await usernameTaken(trx, f.username)) throw new AppError('conflict', `用户名：“${f.username}”已被使用`);
    const user = await insertUser(trx, { ...f, passwordHash, mustChangePassword: true });
    await appendAudit(trx, actor, {
      action: 'account.created',
      objectType: 'user',
      objectId: user.id,
      region: user.region,
      details: { username: maskName(user.username), role: user.role, orgUscc: user.orgUscc },
    });
    return (await findAccountInScope(trx, actor, user.id))!;
  });
  return { account: presentAccount(account), password };
}

async function accountInScope(db: Db, actor: Principal, id: string) {
  const row = await findAccountInScope(db, actor, id);
  if (!row) throw notFound('账号');
  return row;
}

export async function setAccountEnabled(db: Db, actor: Principal, id: string, enabled: boolean): Promise<AccountView> {
  const row = await accountInScope(db, actor, id);
  if (row.id === actor.id) throw new AppError('bad_request', '不能停用或启用自己的账号');
  const from = enabled ? 'disabled' : 'active';
  if (row.status !== from)
    throw new AppError('conflict', enabled ? '只有已停用的账号可以启用' : row.status === 'pending' ? '待审核的账号请在“注册审核”中处理' : '该账号已停用');
  await db.transaction().execute(async (trx) => {
    await setAccountStatus(trx, id, enabled ? 'active' : 'disabled');
    if (!enabled) await deleteUserSessions(trx, id);
    await appendAudit(trx, actor, { action: enabled ? 'account.enabled' : 'account.disabled', objectType: 'user', objectId: id, region: row.region });
  });
  return presentAccount({ ...row, status: enabled ? 'active' : 'disabled' });
}

/** A new temporary password; the TOTP binding is cleared (enrolled anew at the next login); every session ends. */
export async function resetAccount(db: Db, actor: Principal, id: string): Promise<{ account: AccountView; password: string }> {
  const row = await accountInScope(db, actor, id);
  if (row.id === actor.id) throw new AppError('bad_request', '不能重置自己的账号，请使用“修改密码”');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await resetAccountCredentials(trx, id, passwordHash);
    await deleteUserSessions(trx, id);
    await clearThrottle(trx, accountKey(row.username));
    await appendAudit(trx, actor, { action: 'account.reset', objectType: 'user', objectId: id, region: row.region });
  });
  return { account: presentAccount({ ...row, totp_enrolled_at: null }), password };
}
