// The demo's accounts: one per role, made at the first start of a demo installation, with generated
// passwords printed once. TOTP is not enrolled: the roles that need it enrol at their first login.

import type { Kysely } from 'kysely';
import type { Role } from '../access/roles.js';
import { appendAudit } from '../audit/audit-log.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { insertUser } from '../auth/users.repository.js';
import { creditCodeRegion } from '../domain/credit-code.js';
import { regionByCode } from '../domain/regions.js';
import type { Database } from '../db/schema.js';
import { getMeta, setMeta } from '../db/meta.repository.js';
import { usernameTaken } from './accounts.repository.js';

export const DEMO_ACCOUNTS_KEY = 'demo_accounts_seeded';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  region: string;
  orgUscc: string | null;
  password: string;
}

type Plan = Omit<DemoAccount, 'password'>;

/** An enterprise of 锦江区 and a training institution of Sichuan from the seeded registry, when there are any. */
async function demoOrganisations(db: Kysely<Database>) {
  const enterprise = await db.selectFrom('enterprises').select(['uscc', 'name']).where('region', '=', '510104').orderBy('uscc').executeTakeFirst();
  const institutions = await db.selectFrom('training').select('institution_uscc').distinct().where('institution_uscc', 'is not', null).orderBy('institution_uscc').limit(50).execute();
  const institution = institutions.map((r) => r.institution_uscc!).find((u) => regionByCode(creditCodeRegion(u) ?? ''));
  return { enterprise, institution };
}

/** Create the demo accounts once; returns them with their passwords (empty when already done). */
export async function seedDemoAccounts(db: Kysely<Database>): Promise<DemoAccount[]> {
  if (await getMeta(db, DEMO_ACCOUNTS_KEY)) return [];
  const { enterprise, institution } = await demoOrganisations(db);
  const plans: Plan[] = [
    { username: 'chengdu', displayName: '成都市住建局监管员', role: 'official', region: '510100', orgUscc: null },
    { username: 'jinjiang', displayName: '锦江区住建局监管员', role: 'official', region: '510104', orgUscc: null },
    { username: 'mianyang', displayName: '绵阳市住建局监管员', role: 'official', region: '510700', orgUscc: null },
    { username: 'inspector', displayName: '成都市执法检查员', role: 'inspector', region: '510100', orgUscc: null },
    { username: 'auditor', displayName: '省厅审计员', role: 'auditor', region: '510000', orgUscc: null },
  ];
  if (enterprise) plans.push({ username: 'enterprise', displayName: enterprise.name, role: 'enterprise', region: '510104', orgUscc: enterprise.uscc });
  if (institution)
    plans.push({ username: 'institution', displayName: '培训考核机构（演示）', role: 'institution', region: creditCodeRegion(institution)!, orgUscc: institution });
  const created: DemoAccount[] = [];
  for (const plan of plans) {
    if (await usernameTaken(db, plan.username)) continue;
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, { ...plan, passwordHash });
      await appendAudit(trx, null, { action: 'account.created', objectType: 'user', objectId: user.id, region: user.region, details: { role: user.role, demo: true } });
    });
    created.push({ ...plan, password });
  }
  await setMeta(db, DEMO_ACCOUNTS_KEY, new Date().toISOString());
  return created;
}
