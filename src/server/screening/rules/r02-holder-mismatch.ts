// R02 人证不符 (holder mismatch): "the number presented in `staffing` exists, but no registered holder of
// it has the staffing person's ID number" (contract §3). A number may be registered more than once (own
// registry and a sharing department); any registered holder with the person's ID clears the row. ID numbers
// are compared in their normalised form (contract §1: trimmed, half-width, upper-case X), as imported.

import { normUpperCode } from '../../domain/normalise.js';
import type { ScreeningContext } from '../context.js';
import { certificateKind } from '../context.js';
import { HitCollector, type Hit } from '../types.js';

export function screenHolderMismatches(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R02');
  const byNo = ctx.certificatesByNo;
  for (const s of ctx.dataset.staffing) {
    if (s.cert_no === '') continue;
    const certs = byNo.get(s.cert_no);
    if (!certs) continue;
    let held = false;
    for (const c of certs) if (c.id_no === s.id_no) held = true;
    // Imported rows are normalised already; rows built elsewhere may not be, so re-check a mismatch.
    if (!held) for (const c of certs) if (normUpperCode(c.id_no) === normUpperCode(s.id_no)) held = true;
    if (held) continue;
    const c = certs[0]!;
    out.add(
      s.cert_no,
      `证书 ${s.cert_no} 登记持证人为 ${c.name}（${c.id_no}），项目 ${s.project_no} 出示人为 ${s.name ?? ''}（${s.id_no}）`,
      ['staffing', s],
      ...certs.map((x) => [certificateKind(x), x] as const),
    );
  }
  return out.hits();
}
