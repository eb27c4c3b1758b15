// 0004: accounts bound to a jurisdiction or an organisation, and the append-only, hash-chained audit log.
// Frozen in time: never import application code here.

import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Every account has a jurisdiction: 510000 (province), a city (5101 00) or a county code.
  // Enterprise and institution users are also bound to one credit code.
  await db.schema.alterTable('users').addColumn('region', 'text', (c) => c.notNull().defaultTo('510000')).execute();
  await db.schema.alterTable('users').addColumn('org_uscc', 'text').execute();
  await db.schema.alterTable('users').addColumn('status', 'text', (c) => c.notNull().defaultTo('active')).execute(); // active | pending | disabled
  await db.updateTable('users').set({ role: 'admin' }).where('role', '=', 'province_admin').execute();

  // The audit log. `seq` is assigned by the application under the head lock; `hash` covers the previous
  // entry's hash and every field of this one (see src/server/audit/audit-chain.ts).
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('actor_region', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('region', 'text') // jurisdiction of the object, for scoping the auditor's view
    .addColumn('details', 'text', (c) => c.notNull()) // JSON, never raw personal data
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'seq']).execute();

  // One row: the chain's head. Appending locks it (FOR UPDATE on PostgreSQL; SQLite serialises writers).
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: '0'.repeat(64) }).execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log`.execute(db);
    await sql`DROP FUNCTION IF EXISTS audit_log_append_only()`.execute(db);
  }
  await db.schema.dropTable('audit_head').execute();
  await db.schema.dropTable('audit_log').execute();
  for (const c of ['status', 'org_uscc', 'region']) await db.schema.alterTable('users').dropColumn(c).execute();
}
