// Audit entries for background work: imports (a console import job or `certguard import` finishing) and
// screening runs (submitted, finished). The work itself runs in a worker with its own connection and
// transactions, so an entry for its end follows that commit; entries record counts, never contents
// or file names.

import type { Kysely, Transaction } from 'kysely';
import { findUserById, toUser } from '../auth/users.repository.js';
import type { Database } from '../db/schema.js';
import type { ImportReport } from '../import/report.js';
import { appendAudit, type AuditActor } from './audit-log.js';

type Q = Kysely<Database> | Transaction<Database>;

interface Counts {
  files: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
}

const zero = (): Counts => ({ files: 0, read: 0, inserted: 0, updated: 0, unchanged: 0, rejectedRows: 0 });

/** Totals and per-kind counts of a report: files imported whole and files refused. */
export function importCounts(report: ImportReport) {
  const total = zero();
  const byKind: Record<string, Counts> = {};
  let filesRejected = 0;
  for (const f of report.files) {
    if (f.status === 'rejected') filesRejected++;
    for (const c of [total, (byKind[f.kind ?? 'unknown'] ??= zero())]) {
      c.files++;
      c.read += f.read;
      c.inserted += f.inserted;
      c.updated += f.updated;
      c.unchanged += f.unchanged;
      c.rejectedRows += f.rejectedCount;
    }
  }
  return { ...total, filesRejected, byKind };
}

/** The account that submitted a job, as an audit actor (null when it no longer exists). */
export async function actorById(db: Q, userId: string | null): Promise<AuditActor> {
  const row = userId ? await findUserById(db, userId) : undefined;
  return row ? toUser(row) : null;
}

/** A command-line run: the operating-system account, as a named system actor. */
export function cliActor(osUser: string): AuditActor {
  return { id: null, username: `cli:${osUser}`, role: null, region: null };
}

export async function recordImportCompleted(
  db: Q,
  actor: AuditActor,
  options: { via: 'console' | 'cli'; jobId?: string; report: ImportReport },
): Promise<number> {
  return appendAudit(db, actor, {
    action: 'import.completed',
    objectType: options.jobId ? 'import_job' : null,
    objectId: options.jobId ?? null,
    region: actor && actor.region ? actor.region : null,
    details: { via: options.via, ...importCounts(options.report) },
  });
}

export async function recordImportFailed(db: Q, actor: AuditActor, options: { jobId: string }): Promise<number> {
  return appendAudit(db, actor, {
    action: 'import.failed',
    objectType: 'import_job',
    objectId: options.jobId,
    region: actor && actor.region ? actor.region : null,
    details: { via: 'console' },
  });
}

/** A screening run submitted (in the transaction that stores it) or finished (after the worker's commit). */
export async function recordScreening(
  db: Q,
  actor: AuditActor,
  event: { action: 'screening.submitted' | 'screening.finished'; runId: string; details: Record<string, unknown> },
): Promise<number> {
  return appendAudit(db, actor, {
    action: event.action,
    objectType: 'screening_run',
    objectId: event.runId,
    region: actor && actor.region ? actor.region : null,
    details: event.details,
  });
}
