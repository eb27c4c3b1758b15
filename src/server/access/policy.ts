// The one policy table: which roles (and which levels) may use each permission.
// Every API route names its permission in `config.permission` (see access-hook.ts); the
// authorization-matrix test checks every route × role × jurisdiction against this table.
// What a permitted caller may see (which rows, masked or not) is scope, enforced in the queries
// (scope.ts); this table only says who may call at all.

import { levelOf, type Level, type Principal, type Role } from './roles.js';

export interface Rule {
  roles: readonly Role[];
  /** When set, only accounts at these levels (org users have the level of their county). */
  levels?: readonly Level[];
}

const OFFICIALS: readonly Role[] = ['admin', 'official'];
const FIELD: readonly Role[] = ['admin', 'official', 'inspector'];

export const POLICY = {
  /** No login: the public portal and public verification. */
  public: { roles: [] },
  /** Any logged-in account: who am I, log out, change my password. */
  authenticated: { roles: ['admin', 'official', 'inspector', 'auditor', 'enterprise', 'institution'] },

  'registry.read': { roles: FIELD },
  'registry.export': { roles: OFFICIALS },
  /** Show one person's ID number and name in full, with a stated reason (logged). */
  'pii.reveal': { roles: FIELD },
  'import.write': { roles: OFFICIALS },
  'import.read': { roles: OFFICIALS },

  'screening.read': { roles: OFFICIALS },
  'screening.run': { roles: OFFICIALS, levels: ['province', 'city'] },
  'screening.judge': { roles: OFFICIALS },

  'verification.signals': { roles: FIELD },
  'credentials.read': { roles: ['admin', 'official', 'inspector', 'enterprise'] },
  'credentials.keys': { roles: ['admin'], levels: ['province'] },
  'roster.check': { roles: ['admin', 'official', 'inspector', 'enterprise'] },
  /** Stored roster checks: an enterprise its own, officials those of their jurisdiction (masked). */
  'roster.read': { roles: ['admin', 'official', 'inspector', 'enterprise'] },

  'accounts.read': { roles: ['admin'] },
  'accounts.manage': { roles: ['admin'] },
  /** Approve enterprise/institution self-registrations: the county (or above). */
  'registrations.approve': { roles: OFFICIALS },

  'audit.read': { roles: ['auditor'] },
  /** Export the audit log (itself recorded as audit.export). */
  'audit.export': { roles: ['auditor'] },

  /** Tips (举报): read and handle those of the jurisdiction; enter hotline tips (12350, 12345). */
  'tips.read': { roles: OFFICIALS },
  'tips.handle': { roles: OFFICIALS },
  'tips.enter': { roles: OFFICIALS },
  /** See a named reporter's (and the reported person's) identity in full, with a stated reason (logged). */
  'tips.reveal': { roles: OFFICIALS },
  /** Inspections (逢查必检): record site and institution inspections, check certificates on site. */
  'inspections.read': { roles: FIELD },
  'inspections.write': { roles: FIELD },
  /** Fake websites: check a URL against the official register (everyone in the field); manage the register. */
  'websites.check': { roles: FIELD },
  'websites.manage': { roles: ['admin'] },

  /** Clues (线索): see those of the jurisdiction; enter one by hand, 立案 / 不予立案 (officials). */
  'clues.read': { roles: OFFICIALS },
  'clues.write': { roles: OFFICIALS },
  /** Cases (案件): officials see the jurisdiction's; inspectors only the cases assigned to them (scope). */
  'cases.read': { roles: FIELD },
  /** Work a case: its assignee, or a supervising official (checked per case in act-on-case.ts). */
  'cases.act': { roles: FIELD },
  'cases.assign': { roles: OFFICIALS },
  /** Administrative decisions (处罚决定) are the authority's: officials, not inspectors. */
  'cases.decide': { roles: OFFICIALS },
  /** Stage deadlines: the province's administrators set them. */
  'cases.configure': { roles: ['admin'], levels: ['province'] },
  /** The 失信名单 of the jurisdiction (read only; decisions write it). */
  'dishonesty.read': { roles: FIELD },
  /** Accept or reject a case transferred to the jurisdiction. */
  'transfers.handle': { roles: OFFICIALS },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof POLICY;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(POLICY, value);
}

/** Every permission the principal holds (the console shows only the menus these allow). */
export function permissionsOf(principal: Principal): Permission[] {
  return (Object.keys(POLICY) as Permission[]).filter((p) => p !== 'public' && allows(principal, p));
}

/** May this principal use the permission at all? (Public needs no principal.) */
export function allows(principal: Principal | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!principal) return false;
  const rule: Rule = POLICY[permission];
  if (!rule.roles.includes(principal.role)) return false;
  return !rule.levels || rule.levels.includes(levelOf(principal.region));
}
