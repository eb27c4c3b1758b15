// Small key-value facts about this installation (e.g. whether the demo was seeded).

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export async function getMeta(db: Kysely<Database>, key: string): Promise<string | null> {
  const r = await db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? null;
}

export async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('app_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
