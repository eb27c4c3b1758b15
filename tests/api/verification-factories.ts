// Test data for the verification, QR and roster tests: certificates built with the domain's own checksums.

import type { Kysely } from 'kysely';
import type { CertificatesTable, Database } from '../../src/server/db/schema.js';
import { creditCodeCheckChar } from '../../src/server/domain/credit-code.js';
import { residentIdCheckChar } from '../../src/server/domain/resident-id.js';

export const residentId = (first17: string): string => first17 + residentIdCheckChar(first17);
export const creditCode = (first17: string): string => first17 + creditCodeCheckChar(first17);

export const EMPLOYER = { uscc: creditCode('91510100MA6C1A2B3'), name: '四川蜀安建设工程有限公司' };
export const OTHER_EMPLOYER = { uscc: creditCode('91510700MA6D4E5F6'), name: '绵阳涪城建筑安装有限责任公司' };

let serial = 0;

export function certificate(over: Partial<CertificatesTable> = {}): CertificatesTable {
  serial++;
  return {
    cert_no: `川建安B(2024)${String(1_000_000 + serial)}`,
    source: '',
    category: 'B',
    operation: null,
    name: '王建国',
    id_no: residentId(`5101041980031${String(5000 + serial).slice(-4)}`),
    employer_uscc: EMPLOYER.uscc,
    issuer: '四川省住房和城乡建设厅',
    issued: '2024-03-15',
    expires: '2099-03-14',
    status: '有效',
    ...over,
  };
}

export async function insertCertificates(db: Kysely<Database>, rows: CertificatesTable[]): Promise<void> {
  await db
    .insertInto('enterprises')
    .values([EMPLOYER, OTHER_EMPLOYER].map((e) => ({ uscc: e.uscc, name: e.name, region: '510104', license_no: null, license_expires: null, license_status: null })))
    .onConflict((oc) => oc.column('uscc').doNothing())
    .execute();
  if (rows.length) await db.insertInto('certificates').values(rows).execute();
}
