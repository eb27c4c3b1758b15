// R01 证书编号不存在 (fake number): "a certificate number presented in `staffing` matches no certificate
// in `certificates` or `external_certificates`" (contract §3). Both registries count: a number only a
// sharing department (e.g. 应急管理厅) knows is real. Rows that present no number ('') are not checked.

import type { ScreeningContext } from '../context.js';
import { HitCollector, type Hit } from '../types.js';

export function screenFakeNumbers(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R01');
  const { certNo } = ctx.staffing;
  const registered = ctx.registeredCertNos;
  const rows = ctx.dataset.staffing;
  for (let i = 0; i < rows.length; i++) {
    if (certNo[i]! < registered) continue; // −1: no number presented; below `registered`: a registry knows it
    const s = rows[i]!;
    out.add(
      s.cert_no,
      `证书编号 ${s.cert_no} 在发证库和共享库中均不存在（${s.name ?? s.id_no} 在项目 ${s.project_no} 出示）`,
      ['staffing', s],
    );
  }
  return out.hits();
}
