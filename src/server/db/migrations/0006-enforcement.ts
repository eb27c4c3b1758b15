// 0006: the enforcement loop — clue subjects and reports, cases with their append-only action history,
// case files (evidence by SHA-256), transfers, the dishonesty list and rectification orders.
// Frozen in time: never import application code here.

import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Clues: status open | case | closed | dismissed; the unit handling a clue is its region.
  await db.schema.alterTable('clues').addColumn('case_id', 'text').execute();
  await db.schema.alterTable('clues').addColumn('closed_reason', 'text').execute();
  await db.schema.alterTable('clues').addColumn('closed_at', 'text').execute();
  await db.schema.alterTable('clues').addColumn('closed_by', 'text').execute();
  await db.schema.alterTable('clues').addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex('clues_region_status').on('clues').columns(['region', 'status']).execute();

  // Every subject of a clue (the clue's own subject_type/subject is its first); matching looks here.
  await db.schema
    .createTable('clue_subjects')
    .addColumn('clue_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // person | certificate | enterprise | institution | website | …
    .addColumn('id_type', 'text', (c) => c.notNull()) // id_no | cert_no | uscc | url | class_no | sitting_no
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('clue_subjects_pk', ['clue_id', 'id_type', 'value'])
    .execute();
  await db.schema.createIndex('clue_subjects_value').on('clue_subjects').columns(['id_type', 'value']).execute();
  // Clues opened before this migration (confirmed screening hits) get their one subject.
  await sql`INSERT INTO clue_subjects (clue_id, kind, id_type, value)
    SELECT id, CASE subject_type WHEN 'id_no' THEN 'person' WHEN 'cert_no' THEN 'certificate' WHEN 'uscc' THEN 'enterprise'
      WHEN 'class_no' THEN 'training_class' WHEN 'sitting_no' THEN 'exam_sitting' ELSE 'website' END, subject_type, subject
    FROM clues`.execute(db);

  // Every report that opened or joined a clue (a tip, a hit, an inspection finding …).
  await db.schema
    .createTable('clue_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clue_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull()) // JSON
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('clue_reports_clue').on('clue_reports').columns(['clue_id', 'created_at']).execute();

  // Cases: `state`, `stage_since` and `deadline` are a projection of case_actions, rewritten in the same
  // transaction as each action (for lists and the overdue filter); the history is the truth.
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('clue_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stage_since', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_region_state').on('cases').columns(['region', 'state']).execute();

  await db.schema
    .createTable('case_actions')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('details', 'text', (c) => c.notNull()) // JSON
    .addColumn('request_id', 'text') // client-chosen: a replay returns the first result
    .addPrimaryKeyConstraint('case_actions_pk', ['case_id', 'seq'])
    .execute();
  await db.schema.createIndex('case_actions_request').on('case_actions').columns(['case_id', 'request_id']).unique().execute();

  await db.schema
    .createTable('case_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // evidence | document | receipt
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .execute();
  await db.schema.createIndex('case_files_case').on('case_files').columns(['case_id']).execute();

  // Transfers: police (移送公安机关, acknowledged by a receipt) or region (accepted or rejected in the system).
  await db.schema
    .createTable('case_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // police | region
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | rejected | acknowledged
    .addColumn('from_region', 'text', (c) => c.notNull())
    .addColumn('to_region', 'text')
    .addColumn('to_unit', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('responded_by', 'text')
    .addColumn('response', 'text') // rejection reason; receipt JSON for police
    .addColumn('package_sha256', 'text')
    .execute();
  await db.schema.createIndex('case_transfers_to').on('case_transfers').columns(['to_region', 'status']).execute();

  // 失信名单: who, why, from which case.
  await db.schema
    .createTable('dishonesty_list')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('listed_at', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .execute();
  await db.schema.createIndex('dishonesty_subject').on('dishonesty_list').columns(['subject']).execute();

  // 停业整改 of a training/exam institution, lifted by a passed re-inspection.
  await db.schema
    .createTable('rectification_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text')
    .addColumn('lift_note', 'text')
    .execute();
  await db.schema.createIndex('rectification_uscc').on('rectification_orders').columns(['uscc']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rectification_orders', 'dishonesty_list', 'case_transfers', 'case_files', 'case_actions', 'cases', 'clue_reports', 'clue_subjects'])
    await db.schema.dropTable(t).execute();
  await db.schema.dropIndex('clues_region_status').execute();
  for (const c of ['report_count', 'closed_by', 'closed_at', 'closed_reason', 'case_id']) await db.schema.alterTable('clues').dropColumn(c).execute();
}
