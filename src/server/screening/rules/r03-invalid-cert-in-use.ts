// R03 失效证书在岗 (invalid certificate in use): "a staffing record runs past the certificate's `expires`,
// or is open while the certificate's status is anything but 有效" (contract §3).
// - The record's last day is its 离场日期, or the evaluation date when that is empty (§3: "an empty 离场日期
//   … runs to the evaluation date"); it runs past `expires` when that last day is after `expires`. A
//   离场日期 after the evaluation date is taken as given (§3: a record "covers every day from 进场日期 to
//   离场日期"), so a planned stay past expiry is reported. The contract example has no such rows.
// - Status only matters for open records (离场日期 empty or on/after the evaluation date): a post that ended
//   before a later suspension did nothing wrong.
// - Which registration is "the certificate": the ones of the number held by the staffing person, or every
//   registration of the number when none is (that case is R02's too). The row is cleared when any of them
//   is valid for it, so a number known to two registries is judged by its best registration.

import type { ScreeningContext } from '../context.js';
import { certificateKind } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenInvalidCertificatesInUse(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R03');
  const staff = ctx.staffing;
  const cert = ctx.certificates;
  const registered = ctx.registeredCertNos;
  const { offsets, order } = ctx.certificatesByNo;
  const keys = ctx.certNos.keys;
  for (let i = 0; i < staff.length; i++) {
    const k = staff.certNo[i]!;
    if (k < 0 || k >= registered) continue;
    const from = offsets[k]!;
    const to = offsets[k + 1]!;
    const p = staff.person[i]!;
    const last = staff.lastDay[i]!;
    const isOpen = staff.open[i] === 1;
    // Judge by the person's own registrations when there are any, else by all of them.
    let anyHeld = false;
    for (let x = from; x < to && !anyHeld; x++) anyHeld = cert.person[order[x]!] === p;
    let culprit = -1;
    let valid = false;
    for (let x = from; x < to; x++) {
      const j = order[x]!;
      if (anyHeld && cert.person[j] !== p) continue;
      if (last <= cert.expiresDay[j]! && !(isOpen && cert.valid[j] === 0)) {
        valid = true;
        break;
      }
      if (culprit < 0) culprit = j;
    }
    if (valid || culprit < 0) continue;
    const expired = last > cert.expiresDay[culprit]!;
    out.add(
      keys[k]!,
      (r) => {
        const s = r.get('staffing', i);
        const c = r.get('certificates', culprit);
        const problem = expired ? `已于 ${c.expires} 到期` : `状态为「${c.status}」`;
        return `证书 ${s.cert_no} ${problem}，仍用于项目 ${s.project_no}（${s.start} 至 ${s.end ?? '今'}）`;
      },
      ['staffing', i],
      [certificateKind(cert, culprit), culprit],
    );
  }
  return out.hits();
}
