// Scope of registry objects, for every query that lists, counts, exports or opens them.
//   enterprise  — its own region (enterprises.region);
//   certificate — its employer's region; an employer missing from the registry falls back to the region
//                 digits of its credit code (GB 32100 positions 3-8); org users see their own employees;
//   person      — in scope when any of their certificates or staffing rows is.

import { sql, type Expression, type SqlBool } from 'kysely';
import { orgScope, regionOrOrgScope, regionScope } from '../access/scope.js';
import { isOrgUser, levelOf, regionPrefix, type Principal } from '../access/roles.js';

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

/** The region of a certificate row aliased `c` joined to its employer aliased `e`. */
export const certificateRegion = (c = 'c', e = 'e') =>
  sql<string>`coalesce(nullif(${sql.ref(`${e}.region`)}, ''), substr(${sql.ref(`${c}.employer_uscc`)}, 3, 6))`;

/** Region condition over an arbitrary SQL expression (regionScope takes a column). */
export function regionExprScope(expr: Expression<string>, p: Principal): Expression<SqlBool> {
  if (isOrgUser(p)) return FALSE;
  if (levelOf(p.region) === 'province') return TRUE;
  return sql<SqlBool>`${expr} like ${regionPrefix(p.region) + '%'}`;
}

/** Certificates (`c` joined to `e` on the employer) the caller may see. */
export function certificateScope(p: Principal, c = 'c', e = 'e'): Expression<SqlBool> {
  return isOrgUser(p) ? orgScope(`${c}.employer_uscc`, p) : regionExprScope(certificateRegion(c, e), p);
}

/** Enterprises (`e`) the caller may see. */
export function enterpriseScope(p: Principal, e = 'e'): Expression<SqlBool> {
  return regionOrOrgScope(`${e}.region`, `${e}.uscc`, p);
}

/** Staffing rows (`s`) the caller may see: by the project's county. */
export function staffingScope(p: Principal, s = 's'): Expression<SqlBool> {
  return isOrgUser(p) ? orgScope(`${s}.contractor_uscc`, p) : regionScope(`${s}.project_region`, p);
}

/** A person (ID number expression) is in scope when one of their certificates or staffing rows is. */
export function personScope(p: Principal, idNo: Expression<string>): Expression<SqlBool> {
  if (!isOrgUser(p) && levelOf(p.region) === 'province') return TRUE;
  return sql<SqlBool>`(exists (select 1 from certificates as pc left join enterprises as pe on pe.uscc = pc.employer_uscc where pc.id_no = ${idNo} and ${certificateScope(p, 'pc', 'pe')})
    or exists (select 1 from staffing as ps where ps.id_no = ${idNo} and ${staffingScope(p, 'ps')}))`;
}

/** Is the caller's scope the whole province (no condition needed)? */
export const seesWholeProvince = (p: Principal) => !isOrgUser(p) && levelOf(p.region) === 'province';

/** A certificate-number column whose certificate lies in the caller's scope (unknown numbers: province only). */
export function certNoScope(p: Principal, column: string): Expression<SqlBool> {
  if (seesWholeProvince(p)) return TRUE;
  return sql<SqlBool>`${sql.ref(column)} in (select sc.cert_no from certificates as sc left join enterprises as se on se.uscc = sc.employer_uscc where ${certificateScope(p, 'sc', 'se')})`;
}
