// 0008: roster checks (企业自查) kept as records, so an enterprise finds its own checks again and officials
// see the checks of enterprises in their jurisdiction. The result workbooks live in DATA_DIR/rosters.
// Frozen in time: never import application code here.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rosters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text')
    // The organisation the roster belongs to (enterprise users: their own); null for an official's own check.
    .addColumn('org_uscc', 'text')
    .addColumn('org_name', 'text')
    // Jurisdiction the record falls under: the organisation's county, or the checking official's region.
    .addColumn('region', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('result_name', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('problems', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull()) // JSON: verdict → count
    .execute();
  await db.schema.createIndex('rosters_org').on('rosters').columns(['org_uscc', 'created_at']).execute();
  await db.schema.createIndex('rosters_region').on('rosters').columns(['region', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rosters').execute();
}
