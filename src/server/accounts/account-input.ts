// Checks of account fields, pure: each answers a Chinese reason naming the field, or null.

import { isOrgUser, isRole, ROLES, type Role } from '../access/roles.js';
import { isValidCreditCode } from '../domain/credit-code.js';
import { normUpperCode } from '../domain/normalise.js';
import { regionByCode } from '../domain/regions.js';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]{2,63}$/;

export function usernameProblem(username: string): string | null {
  return USERNAME_PATTERN.test(username) ? null : '用户名：应为 3–64 个字母、数字或 _ . @ -，以字母或数字开头';
}

export function regionProblem(region: string, field = '所属辖区'): string | null {
  return regionByCode(region) ? null : `${field}：“${region}”不是四川省的行政区划代码`;
}

/** The credit code as stored (upper case, half width), or a reason. */
export function normaliseCreditCode(raw: string, field = '统一社会信用代码'): { uscc: string } | { problem: string } {
  const uscc = normUpperCode(raw);
  if (uscc.length !== 18) return { problem: `${field}：应为 18 位，实际为 ${uscc.length} 位` };
  if (!isValidCreditCode(uscc)) return { problem: `${field}：“${uscc}”校验位不正确（GB 32100）` };
  return { uscc };
}

export interface AccountFields {
  username: string;
  displayName: string;
  role: string;
  region: string;
  orgUscc?: string | null;
}

/** Validated fields of a new account, or the first problem. */
export function checkAccountFields(f: AccountFields): { ok: { username: string; displayName: string; role: Role; region: string; orgUscc: string | null } } | { problem: string } {
  const username = f.username.trim();
  const displayName = f.displayName.trim();
  const u = usernameProblem(username);
  if (u) return { problem: u };
  if (!displayName) return { problem: '姓名或名称：不能为空' };
  if (!isRole(f.role)) return { problem: `角色：应为 ${ROLES.join('、')} 之一` };
  const r = regionProblem(f.region);
  if (r) return { problem: r };
  const probe = { id: '', username, displayName, role: f.role, region: f.region, orgUscc: null };
  if (isOrgUser(probe)) {
    if (!f.orgUscc) return { problem: '统一社会信用代码：企业和培训考核机构账号必须填写' };
    const c = normaliseCreditCode(f.orgUscc);
    if ('problem' in c) return c;
    return { ok: { username, displayName, role: f.role, region: f.region, orgUscc: c.uscc } };
  }
  if (f.orgUscc) return { problem: '统一社会信用代码：只有企业和培训考核机构账号绑定单位' };
  return { ok: { username, displayName, role: f.role, region: f.region, orgUscc: null } };
}
