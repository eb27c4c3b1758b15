// 0003: screening runs and their hits, officials' judgements on hits, and clues (线索).
// Frozen in time: never import application code here.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('screening_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | succeeded | failed
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull()) // JSON
    .addColumn('rules', 'text', (c) => c.notNull()) // JSON array of rule ids
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('progress', 'text') // JSON, with a heartbeat
    .addColumn('stats', 'text') // JSON: per-rule counts and timings
    .addColumn('previous_run_id', 'text')
    .addColumn('hit_count', 'integer')
    .addColumn('new_count', 'integer')
    .addColumn('gone_count', 'integer')
    .addColumn('error', 'text')
    .execute();

  // One row per hit of a run; `change` compares with the previous successful run:
  // new | remaining | gone (gone rows are the previous run's hits that this run no longer gives).
  await db.schema
    .createTable('screening_hits')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull()) // JSON
    .addColumn('evidence_hash', 'text', (c) => c.notNull())
    .addColumn('region', 'text') // county or city code the hit belongs to
    .addColumn('city', 'text')
    .addColumn('enterprise_uscc', 'text')
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('judgement', 'text') // null | confirmed | dismissed (as it stood when the run finished)
    .addPrimaryKeyConstraint('screening_hits_pk', ['run_id', 'rule', 'subject'])
    .execute();
  await db.schema.createIndex('screening_hits_run_city').on('screening_hits').columns(['run_id', 'city']).execute();
  await db.schema.createIndex('screening_hits_run_enterprise').on('screening_hits').columns(['run_id', 'enterprise_uscc']).execute();

  // An official's judgement on a (rule, subject), kept across runs. A dismissal holds while the evidence
  // it was made on (evidence_hash) is unchanged.
  await db.schema
    .createTable('hit_judgements')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull()) // confirmed | dismissed
    .addColumn('reason', 'text')
    .addColumn('evidence_hash', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('clue_id', 'text')
    .addPrimaryKeyConstraint('hit_judgements_pk', ['rule', 'subject'])
    .execute();

  // Clues (线索): suspicions to be handled; the enforcement loop (cases) builds on them.
  await db.schema
    .createTable('clues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull()) // screening | tip | inspection | verification | manual | transfer
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('subject_type', 'text', (c) => c.notNull()) // cert_no | id_no | uscc | class_no | sitting_no | …
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('details', 'text') // JSON: rule, evidence, run
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('clues_subject').on('clues').columns(['subject_type', 'subject']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['clues', 'hit_judgements', 'screening_hits', 'screening_runs']) await db.schema.dropTable(t).execute();
}
