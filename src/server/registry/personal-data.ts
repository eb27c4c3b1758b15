// Who sees personal data (names, ID numbers) in full. Everyone sees it masked (张*三, 510***********1234)
// except an enterprise user looking at its own organisation's people, and one record an official or
// inspector reveals with a stated reason (the reveal route, logged). Pure.

import { isOrgUser, type Principal } from '../access/roles.js';
import { maskIdNo, maskName } from '../domain/masking.js';

/** May the caller see this certificate holder in full (an enterprise's own employee)? */
export function seesHolderInFull(p: Principal, employerUscc: string | null): boolean {
  return isOrgUser(p) && !!p.orgUscc && employerUscc === p.orgUscc;
}

/** A row with `name` and `id_no`, masked unless `full`. */
export function maskHolder<T extends { name: string | null; id_no: string }>(row: T, full: boolean): T {
  return full ? row : { ...row, name: row.name === null ? null : maskName(row.name), id_no: maskIdNo(row.id_no) };
}

/** A certificate row as the caller may see it. */
export function certificateForViewer<T extends { name: string; id_no: string; employer_uscc: string | null }>(p: Principal, c: T): T {
  return maskHolder(c, seesHolderInFull(p, c.employer_uscc));
}

/** The minimum length of a reason for revealing personal data. */
export const MIN_REVEAL_REASON = 4;
