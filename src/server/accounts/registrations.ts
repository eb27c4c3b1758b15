// Self-registration (自助注册) of enterprises and training/exam institutions, and its approval by
// officials of the county where the organisation is registered (or above).
// Enterprises are checked against the registry: the credit code must be there and the 安全生产许可证
// number must match the registered one after normalisation. Institutions need a valid credit code
// whose administrative division is a Sichuan region (that region approves).

import type { Kysely } from 'kysely';
import type { Principal, Role } from '../access/roles.js';
import { notFound } from '../access/scope.js';
import { appendAudit } from '../audit/audit-log.js';
import { passwordProblem } from '../auth/password-policy.js';
import { hashPassword } from '../auth/password.js';
import { insertUser } from '../auth/users.repository.js';
import type { Database } from '../db/schema.js';
import { creditCodeRegion } from '../domain/credit-code.js';
import { maskName } from '../domain/masking.js';
import { normLicenceNo } from '../domain/normalise.js';
import { regionByCode } from '../domain/regions.js';
import { AppError } from '../http/errors.js';
import { normaliseCreditCode, usernameProblem } from './account-input.js';
import { usernameTaken, setAccountStatus } from './accounts.repository.js';
import { decideRegistration, findEnterprise, findRegistrationInScope, insertRegistration, presentRegistration, type RegistrationView } from './registrations.repository.js';

type Db = Kysely<Database>;

export interface RegistrationInput {
  kind: 'enterprise' | 'institution';
  orgUscc: string;
  orgName?: string;
  licenceNo?: string;
  contactName: string;
  contactPhone?: string;
  username: string;
  password: string;
}

const bad = (message: string) => new AppError('bad_request', message);

/** The organisation behind a registration, checked; or a refusal naming the field. */
async function checkOrganisation(db: Db, input: RegistrationInput): Promise<{ uscc: string; name: string; region: string; licenceNo: string | null }> {
  const c = normaliseCreditCode(input.orgUscc);
  if ('problem' in c) throw bad(c.problem);
  if (input.kind === 'enterprise') {
    if (!input.licenceNo?.trim()) throw bad('安全生产许可证编号：企业注册必须填写');
    const e = await findEnterprise(db, c.uscc);
    if (!e) throw bad(`统一社会信用代码：企业库中没有“${c.uscc}”，请核对，或先由主管部门导入企业信息`);
    const given = normLicenceNo(input.licenceNo);
    if (!e.license_no || normLicenceNo(e.license_no) !== given) throw bad('安全生产许可证编号：与企业库中该企业登记的编号不一致');
    if (!regionByCode(e.region)) throw bad('统一社会信用代码：该企业在企业库中的所在地不是四川省的区县，无法确定审核部门');
    return { uscc: c.uscc, name: e.name, region: e.region, licenceNo: given };
  }
  const region = creditCodeRegion(c.uscc);
  if (!region || !regionByCode(region)) throw bad('统一社会信用代码：其中的行政区划代码（第 3–8 位）不是四川省的区县，无法确定审核部门');
  const name = input.orgName?.trim();
  if (!name) throw bad('机构名称：培训考核机构注册必须填写');
  return { uscc: c.uscc, name, region, licenceNo: input.licenceNo?.trim() ? normLicenceNo(input.licenceNo) : null };
}

export async function submitRegistration(db: Db, input: RegistrationInput): Promise<RegistrationView> {
  const username = input.username.trim();
  const u = usernameProblem(username);
  if (u) throw bad(u);
  const contactName = input.contactName.trim();
  if (!contactName) throw bad('联系人姓名：不能为空');
  const org = await checkOrganisation(db, input);
  const problem = passwordProblem(input.password, { username, displayName: contactName, orgName: org.name, orgUscc: org.uscc });
  if (problem) throw bad(`密码：${problem}`);
  const passwordHash = await hashPassword(input.password);
  const role: Role = input.kind;
  return db.transaction().execute(async (trx) => {
    if (await usernameTaken(trx, username)) throw new AppError('conflict', `用户名：“${username}”已被使用，请换一个`);
    const user = await insertUser(trx, { username, displayName: org.name, role, passwordHash, region: org.region, orgUscc: org.uscc, status: 'pending' });
    const id = await insertRegistration(trx, {
      user_id: user.id,
      kind: input.kind,
      org_uscc: org.uscc,
      org_name: org.name,
      licence_no: org.licenceNo,
      contact_name: contactName,
      contact_phone: input.contactPhone?.trim() || null,
      region: org.region,
    });
    await appendAudit(trx, { id: null, username: maskName(username), role: null, region: null }, {
      action: 'registration.submitted',
      objectType: 'registration',
      objectId: id,
      region: org.region,
      details: { kind: input.kind, orgUscc: org.uscc },
    });
    return submittedView(id, input, org, contactName, username);
  });
}

function submittedView(id: string, input: RegistrationInput, org: { uscc: string; name: string; region: string; licenceNo: string | null }, contactName: string, username: string): RegistrationView {
  return {
    id,
    kind: input.kind,
    orgUscc: org.uscc,
    orgName: org.name,
    licenceNo: org.licenceNo,
    contactName,
    contactPhone: input.contactPhone?.trim() || null,
    username,
    region: org.region,
    regionName: regionByCode(org.region)?.name ?? null,
    status: 'pending',
    submittedAt: new Date().toISOString(),
    decidedAt: null,
    reason: null,
  };
}

/** Approve or reject a pending registration in the caller's jurisdiction; a rejection needs a reason. */
export async function decide(db: Db, actor: Principal, id: string, decision: 'approved' | 'rejected', reason: string | null): Promise<RegistrationView> {
  const row = await findRegistrationInScope(db, actor, id);
  if (!row) throw notFound('注册申请');
  if (row.status !== 'pending') throw new AppError('conflict', `该注册申请已${row.status === 'approved' ? '通过' : '驳回'}，不能再次审核`);
  const why = reason?.trim() || null;
  if (decision === 'rejected' && !why) throw bad('驳回理由：不能为空');
  await db.transaction().execute(async (trx) => {
    await decideRegistration(trx, id, decision, actor.id, why);
    await setAccountStatus(trx, row.user_id, decision === 'approved' ? 'active' : 'rejected');
    await appendAudit(trx, actor, {
      action: decision === 'approved' ? 'registration.approved' : 'registration.rejected',
      objectType: 'registration',
      objectId: id,
      region: row.region,
      details: { orgUscc: row.org_uscc, ...(why ? { reason: why } : {}) },
    });
  });
  return presentRegistration({ ...(await findRegistrationInScope(db, actor, id))! });
}
