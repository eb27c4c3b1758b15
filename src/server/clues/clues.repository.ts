// Clues (线索): all SQL for them lives here. The enforcement loop (cases, transfers) builds on this table.

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface NewClue {
  source: 'screening' | 'tip' | 'inspection' | 'verification' | 'manual' | 'transfer';
  subjectType: string;
  subject: string;
  summary: string;
  region: string | null;
  details: object;
  createdBy: string | null;
}

/** An open clue on the same subject absorbs a new suspicion instead of duplicating it. */
export async function openClueOrMatch(db: Q, c: NewClue): Promise<{ id: string; created: boolean }> {
  const existing = await db
    .selectFrom('clues')
    .select('id')
    .where('subject_type', '=', c.subjectType)
    .where('subject', '=', c.subject)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const id = randomUUID();
  await db
    .insertInto('clues')
    .values({
      id,
      source: c.source,
      status: 'open',
      subject_type: c.subjectType,
      subject: c.subject,
      summary: c.summary,
      region: c.region,
      details: JSON.stringify(c.details),
      created_at: new Date().toISOString(),
      created_by: c.createdBy,
    })
    .execute();
  return { id, created: true };
}

export async function findClue(db: Q, id: string) {
  return db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirst();
}
