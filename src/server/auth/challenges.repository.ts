// Login challenges: the state of a login between a correct password and a session (TOTP, TOTP
// enrolment, a required password change). Only the token's hash is stored; they live ten minutes.

import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashToken } from './users.repository.js';

type Q = Kysely<Database> | Transaction<Database>;

export type ChallengeStage = 'totp' | 'totp_enrol' | 'password';

export const CHALLENGE_MINUTES = 10;

export interface Challenge {
  tokenHash: string;
  userId: string;
  stage: ChallengeStage;
  secretEnc: string | null;
}

export async function createChallenge(db: Q, userId: string, stage: ChallengeStage, secretEnc: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  // One login in progress per account: a new password entry replaces an unfinished one; expired ones go.
  await db
    .deleteFrom('login_challenges')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('expires_at', '<', new Date(now).toISOString())]))
    .execute();
  await db
    .insertInto('login_challenges')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      stage,
      secret_enc: secretEnc,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + CHALLENGE_MINUTES * 60_000).toISOString(),
    })
    .execute();
  return token;
}

export async function findChallenge(db: Q, token: string): Promise<Challenge | null> {
  const row = await db
    .selectFrom('login_challenges')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  return row ? { tokenHash: row.token_hash, userId: row.user_id, stage: row.stage as ChallengeStage, secretEnc: row.secret_enc } : null;
}

export async function advanceChallenge(db: Q, tokenHash: string, stage: ChallengeStage): Promise<void> {
  await db.updateTable('login_challenges').set({ stage, secret_enc: null }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteChallenge(db: Q, tokenHash: string): Promise<void> {
  await db.deleteFrom('login_challenges').where('token_hash', '=', tokenHash).execute();
}
