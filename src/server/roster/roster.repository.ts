// The registry's certificates of a roster's numbers, in chunks (one query per 500 numbers).

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RegisteredCertificate } from './roster-verdict.js';

export async function registeredByNumbers(db: Kysely<Database>, certNos: string[]): Promise<Map<string, RegisteredCertificate[]>> {
  const out = new Map<string, RegisteredCertificate[]>();
  const unique = [...new Set(certNos.filter(Boolean))];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('certificates as c')
      .leftJoin('enterprises as e', 'e.uscc', 'c.employer_uscc')
      .select(['c.cert_no', 'c.source', 'c.category', 'c.name', 'c.id_no', 'c.employer_uscc', 'e.name as employer_name', 'c.expires', 'c.status'])
      .where('c.cert_no', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const list = out.get(r.cert_no);
      if (list) list.push(r);
      else out.set(r.cert_no, [r]);
    }
  }
  return out;
}
