// 0001: the registry (the eight contract kinds), regions, import jobs, the local administrator.
// Frozen in time: never import application code here.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprises')
    .addColumn('uscc', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('license_no', 'text')
    .addColumn('license_expires', 'text')
    .addColumn('license_status', 'text')
    .execute();
  await db.schema.createIndex('enterprises_region').on('enterprises').column('region').execute();

  await db.schema
    .createTable('certificates')
    .addColumn('cert_no', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('operation', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('employer_uscc', 'text')
    .addColumn('issuer', 'text')
    .addColumn('issued', 'text', (c) => c.notNull())
    .addColumn('expires', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificates_pk', ['cert_no', 'source'])
    .execute();
  await db.schema.createIndex('certificates_id_no').on('certificates').column('id_no').execute();
  await db.schema.createIndex('certificates_employer').on('certificates').column('employer_uscc').execute();

  await db.schema
    .createTable('staffing')
    .addColumn('project_no', 'text', (c) => c.notNull())
    .addColumn('project_name', 'text')
    .addColumn('project_region', 'text')
    .addColumn('contractor_uscc', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('name', 'text')
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('cert_no', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('end', 'text')
    .addPrimaryKeyConstraint('staffing_pk', ['project_no', 'id_no', 'cert_no', 'start'])
    .execute();
  await db.schema.createIndex('staffing_id_no').on('staffing').column('id_no').execute();
  await db.schema.createIndex('staffing_cert_no').on('staffing').column('cert_no').execute();

  await db.schema
    .createTable('social_insurance')
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('employer_uscc', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('social_insurance_pk', ['id_no', 'employer_uscc', 'month'])
    .execute();

  await db.schema
    .createTable('changes')
    .addColumn('cert_no', 'text', (c) => c.notNull())
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('from_uscc', 'text')
    .addColumn('to_uscc', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('changes_pk', ['cert_no', 'date', 'to_uscc'])
    .execute();
  await db.schema.createIndex('changes_id_no').on('changes').column('id_no').execute();

  await db.schema
    .createTable('training')
    .addColumn('institution_uscc', 'text')
    .addColumn('class_no', 'text', (c) => c.notNull())
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('end', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_pk', ['class_no', 'id_no', 'start'])
    .execute();
  await db.schema.createIndex('training_id_no').on('training').column('id_no').execute();

  await db.schema
    .createTable('exams')
    .addColumn('institution_uscc', 'text')
    .addColumn('site_no', 'text')
    .addColumn('sitting_no', 'text', (c) => c.notNull())
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('submitted', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('answers_hash', 'text')
    .addPrimaryKeyConstraint('exams_pk', ['sitting_no', 'id_no'])
    .execute();
  await db.schema.createIndex('exams_id_no').on('exams').column('id_no').execute();

  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('file_names', 'text', (c) => c.notNull())
    .addColumn('progress', 'text')
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['app_meta', 'sessions', 'users', 'import_jobs', 'regions', 'exams', 'training', 'changes', 'social_insurance', 'staffing', 'certificates', 'enterprises'])
    await db.schema.dropTable(t).execute();
}
