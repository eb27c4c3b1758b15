// The login use cases: password, then (when the account has or needs it) the TOTP code or its
// enrolment, then (when due) a new password; only then a session. Between the steps the login is a
// challenge (challenges.repository.ts), never a session, so nothing but the next step can be done.
//
// Unknown, known and locked account names get the same answers in the same time: the password is
// always checked (against a dummy hash when there is no account), failures are counted per name
// whether or not the account exists, and the refusal for too many failures depends only on that count.

import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Principal } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import { qrSvg } from '../credentials/qr.js';
import type { Database } from '../db/schema.js';
import { maskName } from '../domain/masking.js';
import { AppError } from '../http/errors.js';
import { advanceChallenge, createChallenge, deleteChallenge, findChallenge, type Challenge, type ChallengeStage } from './challenges.repository.js';
import { accountKey, addressKey, type LoginThrottle } from './login-throttle.js';
import { passwordProblem } from './password-policy.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { checkTotp, newTotpSecret, otpauthUri, parseUsedSteps, withUsedStep } from './totp.js';
import { decryptTotpSecret, encryptTotpSecret } from './totp-secret.js';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  markTotpStepsUsed,
  setOwnPassword,
  setTotpSecret,
  toUser,
  updatePasswordHash,
  type User,
  type UserRecord,
} from './users.repository.js';

export interface AuthDeps {
  db: Kysely<Database>;
  config: Config;
  /** Key-encryption key for TOTP secrets (the credentials key store). */
  kek: Buffer;
  throttle: LoginThrottle;
}

export type LoginStep =
  | { status: 'ok'; user: User; sessionToken: string }
  | { status: 'totp'; challengeToken: string }
  | { status: 'totp_enrol'; challengeToken: string; secret: string; otpauthUri: string; qrSvg: string }
  | { status: 'password_change'; challengeToken: string; reason: 'expired' | 'reset' };

/** Where the request comes from, and the session it may already carry (ended at login: rotation). */
export interface ClientInfo {
  address: string;
  previousSession?: string;
}

export const INVALID_CREDENTIALS = '用户名或密码错误';
const CHALLENGE_GONE = '登录已超时，请重新输入用户名和密码';

/** Who a failed login is recorded as: the name as typed, masked (it may be a mistyped password). */
const failedActor = (username: string) => ({ id: null, username: maskName(username.slice(0, 64)) || '*', role: null, region: null });

export async function loginWithPassword(deps: AuthDeps, input: { username: string; password: string }, client: ClientInfo): Promise<LoginStep> {
  const { db, throttle } = deps;
  const username = input.username.trim();
  const keys = [accountKey(username), addressKey(client.address)];
  const refusal = await throttle.refusal(keys);
  const row = await findUserByUsername(db, username);
  const ok = await verifyPassword(input.password, row?.password_hash ?? (await dummyHash()));
  if (refusal || !row || !ok) {
    if (!refusal) await throttle.recordFailure(keys);
    await appendAudit(db, failedActor(username), { action: 'auth.login_failed', details: { stage: 'password', reason: refusal ? 'throttled' : 'invalid' } });
    throw refusal ?? new AppError('invalid_credentials', INVALID_CREDENTIALS);
  }
  await throttle.clear(keys[0]!);
  // Only after the right password may the answer say more about the account.
  if (row.status === 'pending') throw new AppError('forbidden', '账号待审核：注册申请审核通过后即可登录');
  if (row.status === 'rejected') throw new AppError('forbidden', '注册申请未通过审核，账号不能登录');
  if (row.status !== 'active') throw new AppError('forbidden', '账号已停用，请联系管理员');
  if (needsRehash(row.password_hash)) await updatePasswordHash(db, row.id, await hashPassword(input.password));
  return nextStep(deps, row, 'password', null, client);
}

export async function loginWithTotp(deps: AuthDeps, input: { challengeToken: string; code: string }, client: ClientInfo): Promise<LoginStep> {
  const { db, throttle, kek } = deps;
  const challenge = await findChallenge(db, input.challengeToken);
  if (!challenge || (challenge.stage !== 'totp' && challenge.stage !== 'totp_enrol')) throw new AppError('unauthenticated', CHALLENGE_GONE);
  const row = await findUserById(db, challenge.userId);
  if (!row || row.status !== 'active') throw new AppError('unauthenticated', CHALLENGE_GONE);
  const keys = [accountKey(row.username), addressKey(client.address)];
  const refusal = await throttle.refusal(keys);
  if (refusal) throw refusal;

  const enrolling = challenge.stage === 'totp_enrol';
  const secretEnc = enrolling ? challenge.secretEnc : row.totp_secret_enc;
  if (!secretEnc) throw new AppError('unauthenticated', CHALLENGE_GONE);
  const secret = decryptTotpSecret(secretEnc, kek, row.id);
  const used = enrolling ? [] : parseUsedSteps(row.totp_used_steps);
  const now = Date.now();
  const check = checkTotp(secret, input.code, now, used);
  const stored = check.ok ? withUsedStep(used, check.step, now) : '';
  // Compare-and-set: of two logins racing with one code, only the first gets through.
  const accepted = check.ok && (enrolling || (await markTotpStepsUsed(db, row.id, row.totp_used_steps, stored)));
  if (!accepted) {
    await throttle.recordFailure(keys);
    await appendAudit(db, toUser(row), { action: 'auth.login_failed', objectType: 'user', objectId: row.id, region: row.region, details: { stage: 'totp' } });
    throw new AppError(
      'invalid_credentials',
      !check.ok && check.reason === 'wrong' ? '动态验证码错误，请输入验证器中当前显示的 6 位数字' : '该动态验证码已使用过，请等待验证器显示下一个验证码',
    );
  }
  await throttle.clear(keys[0]!);
  if (enrolling)
    await db.transaction().execute(async (trx) => {
      await setTotpSecret(trx, row.id, encryptTotpSecret(secret, kek, row.id), stored);
      await appendAudit(trx, toUser(row), { action: 'auth.totp_enrolled', objectType: 'user', objectId: row.id, region: row.region });
    });
  return nextStep(deps, row, 'totp', challenge, client);
}

export async function loginWithNewPassword(deps: AuthDeps, input: { challengeToken: string; newPassword: string }, client: ClientInfo): Promise<LoginStep> {
  const { db } = deps;
  const challenge = await findChallenge(db, input.challengeToken);
  if (!challenge || challenge.stage !== 'password') throw new AppError('unauthenticated', CHALLENGE_GONE);
  const row = await findUserById(db, challenge.userId);
  if (!row || row.status !== 'active') throw new AppError('unauthenticated', CHALLENGE_GONE);
  await changePassword(deps, row, input.newPassword);
  return nextStep(deps, { ...row, must_change_password: 0, password_changed_at: new Date().toISOString() }, 'password_change', challenge, client);
}

/** A new password for an account (its owner's choice): checked, hashed, every session ended, recorded. */
export async function changePassword(deps: AuthDeps, row: UserRecord, newPassword: string): Promise<void> {
  const problem = passwordProblem(newPassword, { username: row.username, displayName: row.display_name, orgUscc: row.org_uscc });
  if (problem) throw new AppError('bad_request', `新密码：${problem}`);
  if (await verifyPassword(newPassword, row.password_hash)) throw new AppError('bad_request', '新密码：不能与当前密码相同');
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await setOwnPassword(trx, row.id, hash);
    await deleteUserSessions(trx, row.id);
    await appendAudit(trx, toUser(row), { action: 'auth.password_changed', objectType: 'user', objectId: row.id, region: row.region });
  });
}

export function passwordDue(row: UserRecord, maxAgeDays: number, nowMs = Date.now()): 'reset' | 'expired' | null {
  if (row.must_change_password) return 'reset';
  if (maxAgeDays <= 0) return null;
  const since = Date.parse(row.password_changed_at ?? row.created_at);
  return nowMs - since >= maxAgeDays * 86_400_000 ? 'expired' : null;
}

type Done = 'password' | 'totp' | 'password_change';

async function nextStep(deps: AuthDeps, row: UserRecord, done: Done, challenge: Challenge | null, client: ClientInfo): Promise<LoginStep> {
  const { db, config, kek } = deps;
  const stage = async (s: ChallengeStage, secretEnc: string | null = null): Promise<string> => {
    if (challenge) {
      await advanceChallenge(db, challenge.tokenHash, s);
      return '';
    }
    return createChallenge(db, row.id, s, secretEnc);
  };
  if (done === 'password') {
    if (row.totp_secret_enc) return { status: 'totp', challengeToken: await stage('totp') };
    if (config.auth.totpRequiredRoles.includes(row.role)) {
      const secret = newTotpSecret();
      const uri = otpauthUri(secret, row.username);
      const challengeToken = await createChallenge(db, row.id, 'totp_enrol', encryptTotpSecret(secret, kek, row.id));
      return { status: 'totp_enrol', challengeToken, secret, otpauthUri: uri, qrSvg: await qrSvg(uri) };
    }
  }
  if (done !== 'password_change') {
    const due = passwordDue(row, config.auth.passwordMaxAgeDays);
    if (due) return { status: 'password_change', challengeToken: await stage('password'), reason: due };
  }
  const user = toUser(row);
  const sessionToken = await db.transaction().execute(async (trx) => {
    if (client.previousSession) await deleteSession(trx, client.previousSession);
    if (challenge) await deleteChallenge(trx, challenge.tokenHash);
    const token = await createSession(trx, row.id, config.sessionIdleMinutes);
    await appendAudit(trx, user, { action: 'auth.login', objectType: 'user', objectId: row.id, region: row.region, details: { address: client.address } });
    return token;
  });
  return { status: 'ok', user, sessionToken };
}

/** Log out: the session ends, and the logout is recorded. */
export async function logout(db: Kysely<Database>, token: string, user: Principal | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, token);
    if (user) await appendAudit(trx, user, { action: 'auth.logout', objectType: 'user', objectId: user.id, region: user.region });
  });
}
