// R01 证书编号不存在 (fake number): "a certificate number presented in `staffing` matches no certificate
// in `certificates` or `external_certificates`" (contract §3). Both registries count: a number only a
// sharing department (e.g. 应急管理厅) knows is real. Rows that present no number ('') are not checked.

import type { ScreeningContext } from '../context.js';
import { HitCollector, type PendingHit } from '../types.js';

export function screenFakeNumbers(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R01');
  const { certNo, length } = ctx.staffing;
  const registered = ctx.registeredCertNos;
  const keys = ctx.certNos.keys;
  for (let i = 0; i < length; i++) {
    if (certNo[i]! < registered) continue; // −1: no number presented; below `registered`: a registry knows it
    out.add(
      keys[certNo[i]!]!,
      (r) => {
        const s = r.get('staffing', i);
        return `证书编号 ${s.cert_no} 在发证库和共享库中均不存在（${s.name ?? s.id_no} 在项目 ${s.project_no} 出示）`;
      },
      ['staffing', i],
    );
  }
  return out.hits();
}
