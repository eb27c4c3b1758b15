// R14 无证或失效许可施工 (contractor without valid licence): "a contractor of a staffing record that has no
// licence in `enterprises`, or whose licence expires before the record ends, or that is open while the
// licence status is anything but 有效" (contract §3).
// - No licence: the contractor is not in `enterprises`, or its 安全生产许可证编号 is empty.
// - The record ends on its 离场日期 (even one after the evaluation date, as in R03), or on the evaluation
//   date when that is empty; a licence expiring on that very day still covers it. A licence with a number
//   but no expiry date is not judged on expiry.
// - Status only matters for open records (离场日期 empty or on/after the evaluation date).

import type { ScreeningContext } from '../context.js';
import { NO_DAY } from '../tables.js';
import { HitCollector, type PendingHit } from '../types.js';

const NEVER = 2 ** 30;

export function screenContractorLicences(ctx: ScreeningContext): PendingHit[] {
  const out = new HitCollector('R14');
  const staff = ctx.staffing;
  // Per org id: the enterprise row (last wins, as identity by 统一社会信用代码 would), its licence facts.
  const ent = ctx.enterprises;
  const enterpriseOf = new Int32Array(ctx.orgs.size).fill(-1);
  for (let x = 0; x < ent.length; x++) {
    const o = ent.org[x]!;
    if (o >= 0) enterpriseOf[o] = x;
  }
  const { licensed, valid } = ent;
  const expires = new Int32Array(ent.length);
  for (let x = 0; x < ent.length; x++) expires[x] = ent.expiresDay[x] === NO_DAY ? NEVER : ent.expiresDay[x]!;
  for (let i = 0; i < staff.length; i++) {
    const o = staff.contractor[i]!;
    const x = o >= 0 ? enterpriseOf[o]! : -1;
    if (x >= 0 && licensed[x] === 1 && expires[x]! >= staff.lastDay[i]! && (staff.open[i] === 0 || valid[x] === 1)) continue;
    const expired = x >= 0 && licensed[x] === 1 && expires[x]! < staff.lastDay[i]!;
    out.add(
      ctx.uscc(o),
      (r) => {
        const s = r.get('staffing', i);
        const e = x >= 0 ? r.get('enterprises', x) : undefined;
        let problem: string;
        if (!e) problem = '不在企业库中，无安全生产许可证';
        else if (licensed[x] === 0) problem = '无安全生产许可证';
        else if (expired) problem = `安全生产许可证 ${e.license_no} 已于 ${e.license_expires} 到期`;
        else problem = `安全生产许可证 ${e.license_no} 状态为「${e.license_status ?? '空'}」`;
        return `施工单位 ${e?.name ?? ''}（${s.contractor_uscc}）${problem}，仍在项目 ${s.project_no} 施工（${s.start} 至 ${s.end ?? '今'}）`;
      },
      ...(x >= 0 ? [['enterprises', x] as const] : []),
      ['staffing', i],
    );
  }
  return out.hits();
}
