// R12 年龄不符 (age limit): "a TZ certificate whose holder was under 18 on its issue date, or was 60 or older
// on the start day of a staffing record that presents it" (contract §3).
// - The holder is the certificate's registered holder, not whoever presents it (the contract example
//   confirms: two of its hits are old holders' certificates presented by younger people).
// - The age comes from the birth date in the ID number (§3), so an ID without a real birth date gives no
//   age and no hit (R13 reports it).
// - TZ certificates of both registries (应急管理厅's T-numbers are special-operation certificates too).
// - Age is in whole years: 18 / 60 on the birthday itself; someone born on 29 February turns a year
//   older on 1 March in common years (as domain/resident-id ageOn counts).
// Ages become day numbers once per certificate (the day the holder turns 18 / 60), so the staffing
// pass compares integers.

import { birthDateOf } from '../../domain/resident-id.js';
import type { ScreeningContext } from '../context.js';
import { TZ, certificateKind } from '../context.js';
import { civilDay } from '../day-math.js';
import { HitCollector, type PendingHit } from '../types.js';

const NO_AGE = 2 ** 30;

export function screenAgeLimits(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R12');
  const { minAge, maxAge } = ctx.params;
  const cert = ctx.certificates;
  const certNos = ctx.certNos.keys;
  // The day each TZ holder turns maxAge; NO_AGE when not TZ or no birth date.
  const oldFrom = new Int32Array(cert.length).fill(NO_AGE);
  for (let j = 0; j < cert.length; j++) {
    if (cert.category[j] !== TZ) continue;
    const birth = birthDateOf(ctx.idNo(cert.person[j]!));
    if (birth === null) continue;
    const [y, m, d] = [Number(birth.slice(0, 4)), Number(birth.slice(5, 7)), Number(birth.slice(8, 10))];
    oldFrom[j] = civilDay(y + maxAge, m, d);
    if (cert.issuedDay[j]! < civilDay(y + minAge, m, d)) {
      out.add(
        certNos[cert.certNo[j]!]!,
        (r) => {
          const c = r.get('certificates', j);
          return `特种作业证书 ${c.cert_no} 发证日 ${c.issued} 持证人 ${c.name} 仅 ${ageIn(y, m, d, c.issued)} 岁，未满 ${minAge} 岁`;
        },
        [certificateKind(cert, j), j],
      );
    }
  }
  const staff = ctx.staffing;
  const registered = ctx.registeredCertNos;
  const { offsets, order } = ctx.certificatesByNo;
  for (let i = 0; i < staff.length; i++) {
    const k = staff.certNo[i]!;
    if (k < 0 || k >= registered) continue;
    for (let x = offsets[k]!; x < offsets[k + 1]!; x++) {
      const j = order[x]!;
      if (staff.startDay[i]! < oldFrom[j]!) continue;
      out.add(
        certNos[cert.certNo[j]!]!,
        (r) => {
          const c = r.get('certificates', j);
          const s = r.get('staffing', i);
          const birth = birthDateOf(c.id_no)!;
          const age = ageIn(Number(birth.slice(0, 4)), Number(birth.slice(5, 7)), Number(birth.slice(8, 10)), s.start);
          return `特种作业证书 ${c.cert_no} 持证人 ${c.name} 于 ${s.start} 进场项目 ${s.project_no} 时已 ${age} 岁，达到 ${maxAge} 岁`;
        },
        [certificateKind(cert, j), j],
        ['staffing', i],
      );
    }
  }
  return out.hits();
}

/** Whole years on an ISO day of someone born y-m-d. */
function ageIn(y: number, m: number, d: number, day: string): number {
  const dy = Number(day.slice(0, 4));
  const md = Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
  return dy - y - (md < m * 100 + d ? 1 : 0);
}
