// Roles, jurisdictions and the principal a request acts as. Pure: no database, no Fastify.
//
// A jurisdiction is a region code: 510000 is the province, a code ending in 00 is a city (510100),
// anything else is a county (510104). Scope is the subtree: province ⊃ city ⊃ county.

export const ROLES = ['admin', 'official', 'inspector', 'auditor', 'enterprise', 'institution'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  official: '监管人员',
  inspector: '执法检查人员',
  auditor: '审计人员',
  enterprise: '企业用户',
  institution: '培训考核机构用户',
};

/** Roles bound to one organisation (credit code) rather than a jurisdiction subtree. */
export const ORG_ROLES: readonly Role[] = ['enterprise', 'institution'];

export const PROVINCE = '510000';

export type Level = 'province' | 'city' | 'county';

export const LEVEL_LABELS: Record<Level, string> = { province: '省级', city: '市级', county: '县级' };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function levelOf(region: string): Level {
  if (region === PROVINCE) return 'province';
  return region.endsWith('00') ? 'city' : 'county';
}

/** The code prefix every region inside the jurisdiction starts with: 51, 5101 or 510104. */
export function regionPrefix(region: string): string {
  const level = levelOf(region);
  return level === 'province' ? region.slice(0, 2) : level === 'city' ? region.slice(0, 4) : region;
}

/** Is `code` (a county or city code, possibly null) inside the jurisdiction `region`? */
export function regionWithin(code: string | null | undefined, region: string): boolean {
  return !!code && code.startsWith(regionPrefix(region));
}

/** Who a request acts as: the logged-in account. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Jurisdiction; for enterprise and institution users, the county of their organisation. */
  region: string;
  /** Enterprise and institution users: their organisation's credit code; null otherwise. */
  orgUscc: string | null;
}

export function isOrgUser(p: Principal): boolean {
  return ORG_ROLES.includes(p.role);
}

/** Can `actor` administer an account or object in `region`? Own jurisdiction and below. */
export function governs(actor: Principal, region: string): boolean {
  return !isOrgUser(actor) && regionWithin(region, actor.region);
}
