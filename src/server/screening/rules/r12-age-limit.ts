// R12 年龄不符 (age limit): "a TZ certificate whose holder was under 18 on its issue date, or was 60 or older
// on the start day of a staffing record that presents it" (contract §3).
// - The holder is the certificate's registered holder; the age comes from the birth date in their ID
//   number (§3), so an ID without a real birth date gives no age and no hit (R13 reports it).
// - TZ certificates of both registries (应急管理厅's T-numbers are special-operation certificates too).
// - Age is in whole years: 60 on the 60th birthday itself.

import { ageOn } from '../../domain/resident-id.js';
import type { ScreeningContext } from '../context.js';
import { certificateKind } from '../context.js';
import { HitCollector, type Hit } from '../types.js';

export function screenAgeLimits(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R12');
  const { minAge, maxAge } = ctx.params;
  for (const c of ctx.dataset.certificates) {
    if (c.category !== 'TZ') continue;
    const age = ageOn(c.id_no, c.issued);
    if (age !== null && age < minAge) {
      out.add(c.cert_no, `特种作业证书 ${c.cert_no} 发证日 ${c.issued} 持证人 ${c.name} 仅 ${age} 岁，未满 ${minAge} 岁`, [certificateKind(c), c]);
    }
  }
  const byNo = ctx.certificatesByNo;
  for (const s of ctx.dataset.staffing) {
    if (s.cert_no === '') continue;
    const certs = byNo.get(s.cert_no);
    if (!certs) continue;
    for (const c of certs) {
      if (c.category !== 'TZ') continue;
      const age = ageOn(c.id_no, s.start);
      if (age !== null && age >= maxAge) {
        out.add(
          c.cert_no,
          `特种作业证书 ${c.cert_no} 持证人 ${c.name} 于 ${s.start} 进场项目 ${s.project_no} 时已 ${age} 岁，达到 ${maxAge} 岁`,
          [certificateKind(c), c],
          ['staffing', s],
        );
      }
    }
  }
  return out.hits();
}
