// Scope in the query itself: SQL conditions that keep every list, count, export and lookup inside the
// caller's jurisdiction subtree or own organisation. Use them in `.where(...)`; an object outside
// scope is then simply not found (404), never "forbidden" (which would confirm it exists).

import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError } from '../http/errors.js';
import { isOrgUser, levelOf, regionPrefix, type Principal } from './roles.js';

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

/**
 * Rows whose region column lies in the caller's jurisdiction. The province sees everything,
 * including rows of unknown region and enterprises registered in other provinces.
 * Org users have no jurisdiction: nothing matches (combine with orgScope where they may see rows).
 */
export function regionScope(column: string, p: Principal): Expression<SqlBool> {
  if (isOrgUser(p)) return FALSE;
  if (levelOf(p.region) === 'province') return TRUE;
  return sql<SqlBool>`${sql.ref(column)} like ${regionPrefix(p.region) + '%'}`;
}

/** Rows whose credit-code column is the caller's own organisation (org users); nothing for others. */
export function orgScope(column: string, p: Principal): Expression<SqlBool> {
  if (!isOrgUser(p) || !p.orgUscc) return FALSE;
  return sql<SqlBool>`${sql.ref(column)} = ${p.orgUscc}`;
}

/** Region scope for officials, organisation scope for org users. */
export function regionOrOrgScope(regionColumn: string, usccColumn: string, p: Principal): Expression<SqlBool> {
  return isOrgUser(p) ? orgScope(usccColumn, p) : regionScope(regionColumn, p);
}

/** The one answer for "not there or not yours". */
export function notFound(what = '记录'): AppError {
  return new AppError('not_found', `${what}不存在`);
}
