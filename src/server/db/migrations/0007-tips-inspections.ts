// 0007: public and hotline tips (举报) with their messages, attachments and rewards; inspections
// (逢查必检) with each certificate checked on site; the register of official domains and reported websites.
// Frozen in time: never import application code here.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A tip. The tracking code and PIN are kept only as hashes (the code is a bearer secret too).
  await db.schema
    .createTable('tips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('pin_hash', 'text')
    .addColumn('channel', 'text', (c) => c.notNull()) // web | 12350 | 12345 | letter | email | visit
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('reporter_name', 'text') // personal data: masked unless revealed (logged)
    .addColumn('reporter_phone', 'text')
    .addColumn('region', 'text', (c) => c.notNull()) // the handling jurisdiction
    .addColumn('subject_cert_no', 'text')
    .addColumn('subject_person', 'text') // a name (personal data)
    .addColumn('subject_id_no', 'text') // personal data
    .addColumn('subject_enterprise', 'text') // a name
    .addColumn('subject_uscc', 'text')
    .addColumn('subject_url', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull()) // handling deadline (day)
    .addColumn('status', 'text', (c) => c.notNull()) // received | handling | closed
    .addColumn('clue_id', 'text')
    .addColumn('clue_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lookalike', 'text') // JSON: the look-alike check of subject_url
    .addColumn('outcome', 'text')
    .addColumn('valid', 'integer') // null until judged; 0 = not a valid tip (no reward)
    .addColumn('closed_at', 'text')
    .addColumn('feedback_due', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('track_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('track_locked_until', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('tips_region_received').on('tips').columns(['region', 'received_at']).execute();
  await db.schema.createIndex('tips_clue').on('tips').columns(['clue_id', 'received_at']).execute();

  await db.schema
    .createTable('tip_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tip_id', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull()) // reporter | staff
    .addColumn('staff_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_messages_tip').on('tip_messages').columns(['tip_id', 'at']).execute();

  // Files are stored once under DATA_DIR by their SHA-256.
  await db.schema
    .createTable('tip_attachments')
    .addColumn('tip_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tip_attachments_pk', ['tip_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('tip_rewards')
    .addColumn('tip_id', 'text', (c) => c.primaryKey())
    .addColumn('fine_amount', 'real')
    .addColumn('suggested', 'real', (c) => c.notNull())
    .addColumn('amount', 'real', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull()) // granted | refused
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('paid_by', 'text')
    .execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // site | institution
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('inspectors', 'text', (c) => c.notNull()) // JSON array of names
    .addColumn('project_name', 'text')
    .addColumn('project_no', 'text')
    .addColumn('org_uscc', 'text') // the enterprise (site) or the institution
    .addColumn('org_name', 'text')
    .addColumn('institution', 'text') // JSON: video review, call-backs, file checks
    .addColumn('findings', 'text')
    .addColumn('clue_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('inspections_region_date').on('inspections').columns(['region', 'date']).execute();

  await db.schema
    .createTable('inspection_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // qr | typed | none
    .addColumn('cert_no', 'text')
    .addColumn('person_name', 'text')
    .addColumn('post', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('problem', 'text') // null when the certificate is in order
    .addColumn('clue_id', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text')
    .execute();
  await db.schema.createIndex('inspection_checks_inspection').on('inspection_checks').columns(['inspection_id', 'checked_at']).execute();

  await db.schema
    .createTable('official_domains')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('official_domains')
    .values([
      { host: 'zlaq.mohurd.gov.cn', name: '全国工程质量安全监管信息平台', created_at: at, created_by: null },
      { host: 'www.mohurd.gov.cn', name: '中华人民共和国住房和城乡建设部', created_at: at, created_by: null },
      { host: 'jst.sc.gov.cn', name: '四川省住房和城乡建设厅', created_at: at, created_by: null },
    ])
    .execute();

  await db.schema
    .createTable('reported_websites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull()) // official | lookalike | unrelated | invalid
    .addColumn('reasons', 'text', (c) => c.notNull()) // JSON array
    .addColumn('source', 'text', (c) => c.notNull()) // tip | manual
    .addColumn('tip_id', 'text')
    .addColumn('clue_id', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('reported_websites_region').on('reported_websites').columns(['region', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['reported_websites', 'official_domains', 'inspection_checks', 'inspections', 'tip_rewards', 'tip_attachments', 'tip_messages', 'tips'])
    await db.schema.dropTable(t).execute();
}
