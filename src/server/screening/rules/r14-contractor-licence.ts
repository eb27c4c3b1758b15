// R14 无证或失效许可施工 (contractor without valid licence): "a contractor of a staffing record that has no
// licence in `enterprises`, or whose licence expires before the record ends, or that is open while the
// licence status is anything but 有效" (contract §3).
// - No licence: the contractor is not in `enterprises`, or its 安全生产许可证编号 is empty.
// - The record ends on its 离场日期, or on the evaluation date when that is empty; a licence expiring on
//   that very day still covers it. A licence with a number but no expiry date is not judged on expiry.
// - Status only matters for open records (离场日期 empty or on/after the evaluation date).

import type { ScreeningContext } from '../context.js';
import { dayOf } from '../day-math.js';
import { HitCollector, type Hit } from '../types.js';

const VALID = '有效';

export function screenContractorLicences(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R14');
  const rows = ctx.dataset.staffing;
  const enterprises = ctx.enterprisesByUscc;
  const { lastDay, open } = ctx.staffingDays;
  const expiresDay = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i]!;
    const e = enterprises.get(s.contractor_uscc);
    let problem: string | null = null;
    if (!e || e.license_no === null || e.license_no === '') {
      problem = e ? '无安全生产许可证' : '不在企业库中，无安全生产许可证';
    } else {
      if (e.license_expires !== null && e.license_expires !== '') {
        let exp = expiresDay.get(e.uscc);
        if (exp === undefined) expiresDay.set(e.uscc, (exp = dayOf(e.license_expires)));
        if (exp < lastDay[i]!) problem = `安全生产许可证 ${e.license_no} 已于 ${e.license_expires} 到期`;
      }
      if (problem === null && open[i] === 1 && e.license_status !== VALID) {
        problem = `安全生产许可证 ${e.license_no} 状态为「${e.license_status ?? '空'}」`;
      }
    }
    if (problem === null) continue;
    out.add(
      s.contractor_uscc,
      `施工单位 ${e?.name ?? ''}（${s.contractor_uscc}）${problem}，仍在项目 ${s.project_no} 施工（${s.start} 至 ${s.end ?? '今'}）`,
      ...(e ? [['enterprises', e] as const] : []),
      ['staffing', s],
    );
  }
  return out.hits();
}
