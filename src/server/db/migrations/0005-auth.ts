// 0005: login hardening (argon2id re-hash bookkeeping, TOTP, forced password change), failed-login
// counters, multi-step login challenges, and self-registrations of enterprises and institutions.
// Frozen in time: never import application code here.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // When the password was last set (null: never changed since the account was created).
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
  // 1 after an administrator's reset: the next login must set a new password.
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // TOTP secret, AES-256-GCM under the credentials key-encryption key; null until enrolled.
  await db.schema.alterTable('users').addColumn('totp_secret_enc', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enrolled_at', 'text').execute();
  // Time steps already used (comma-separated, recent only): a code is accepted once.
  await db.schema.alterTable('users').addColumn('totp_used_steps', 'text', (c) => c.notNull().defaultTo('')).execute();

  // Failed logins per key: `user:<name>` (known or not, alike) and `addr:<client address>`.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  // A login between the password and the session: TOTP, TOTP enrolment, or a required password change.
  await db.schema
    .createTable('login_challenges')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull()) // totp | totp_enrol | password
    .addColumn('secret_enc', 'text') // the TOTP secret being enrolled
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_challenges_user').on('login_challenges').column('user_id').execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  // Self-registrations: the account is created `pending`; the county (or above) approves or rejects.
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // enterprise | institution
    .addColumn('org_uscc', 'text', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('licence_no', 'text')
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('registrations_status_region').on('registrations').columns(['status', 'region']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registrations').execute();
  await db.schema.dropIndex('sessions_user').execute();
  await db.schema.dropTable('login_challenges').execute();
  await db.schema.dropTable('login_throttle').execute();
  for (const c of ['totp_used_steps', 'totp_enrolled_at', 'totp_secret_enc', 'must_change_password', 'password_changed_at'])
    await db.schema.alterTable('users').dropColumn(c).execute();
}
