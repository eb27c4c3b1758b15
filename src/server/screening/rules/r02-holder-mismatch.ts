// R02 人证不符 (holder mismatch): "the number presented in `staffing` exists, but no registered holder of
// it has the staffing person's ID number" (contract §3). A number may be registered more than once (own
// registry and a sharing department); any registered holder with the person's ID clears the row. ID numbers
// are compared in their normalised form (contract §1: trimmed, half-width, upper-case X), as imported.

import { normUpperCode } from '../../domain/normalise.js';
import type { ScreeningContext } from '../context.js';
import { certificateKind } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenHolderMismatches(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R02');
  const staff = ctx.staffing;
  const cert = ctx.certificates;
  const holder = cert.person;
  const registered = ctx.registeredCertNos;
  const { offsets, order } = ctx.certificatesByNo;
  const keys = ctx.certNos.keys;
  for (let i = 0; i < staff.length; i++) {
    const k = staff.certNo[i]!;
    if (k < 0 || k >= registered) continue; // no number, or one no registry knows (R01)
    const p = staff.person[i]!;
    let held = false;
    for (let x = offsets[k]!; x < offsets[k + 1]! && !held; x++) held = holder[order[x]!] === p;
    if (held) continue;
    const registrations: number[] = [];
    for (let x = offsets[k]!; x < offsets[k + 1]!; x++) registrations.push(order[x]!);
    // Imported rows are normalised already; rows built elsewhere may not be, so re-check a mismatch.
    const normalised = normUpperCode(ctx.idNo(p));
    if (registrations.some((j) => normUpperCode(ctx.idNo(holder[j]!)) === normalised)) continue;
    const first = registrations[0]!;
    out.add(
      keys[k]!,
      (r) => {
        const s = r.get('staffing', i);
        const c = r.get('certificates', first);
        return `证书 ${s.cert_no} 登记持证人为 ${c.name}（${c.id_no}），项目 ${s.project_no} 出示人为 ${s.name ?? ''}（${s.id_no}）`;
      },
      ['staffing', i],
      ...registrations.map((j) => [certificateKind(cert, j), j] as const),
    );
  }
  return out.hits();
}
