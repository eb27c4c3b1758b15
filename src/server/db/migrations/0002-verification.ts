// 0002: public verification (events, rate-limit counters), signing keys and credential references for
// the signed QR certificates. Frozen in time: never import application code here.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per verification answered: no plain personal data (masked query, hashed client).
  await db.schema
    .createTable('verification_events')
    .addColumn('at', 'text', (c) => c.notNull()) // ISO instant, UTC
    .addColumn('channel', 'text', (c) => c.notNull()) // web | api | qr
    .addColumn('query', 'text', (c) => c.notNull()) // masked
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('place_hash', 'text', (c) => c.notNull())
    .addColumn('cert_no', 'text') // the matched or queried certificate number
    .addColumn('source', 'text') // the matched certificate's registry; null when nothing matched
    .execute();
  await db.schema.createIndex('verification_events_at').on('verification_events').column('at').execute();
  // No index on cert_no: it cost more than the rest of an insert (random keys); signals and drill-downs
  // scan a recent time range through the `at` index.

  // Shared rate-limit counters (PostgreSQL; embedded SQLite keeps them in a side file, see decision 011).
  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('win', 'bigint', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_counters_pk', ['key', 'win'])
    .execute();

  // Ed25519 signing keys: public JWK in the clear, private key encrypted (AES-256-GCM under the KEK).
  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // active | verify | retired | compromised
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  // Exactly one key signs: a second 'active' row cannot be written, even by two instances at once.
  await db.schema.createIndex('signing_keys_one_active').on('signing_keys').column('status').unique().where('status', '=', 'active').execute();

  // The opaque id a QR token names, and the certificate's index in the status list.
  await db.schema
    .createTable('credential_refs')
    .addColumn('cert_no', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('cid', 'text', (c) => c.notNull().unique())
    .addColumn('idx', 'integer', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credential_refs_pk', ['cert_no', 'source'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['credential_refs', 'signing_keys', 'rate_limit_counters', 'verification_events']) await db.schema.dropTable(t).execute();
}
