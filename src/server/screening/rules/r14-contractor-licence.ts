// R14 无证或失效许可施工 (contractor without valid licence): "a contractor of a staffing record that has no
// licence in `enterprises`, or whose licence expires before the record ends, or that is open while the
// licence status is anything but 有效" (contract §3).
// - No licence: the contractor is not in `enterprises`, or its 安全生产许可证编号 is empty.
// - The record ends on its 离场日期 (even one after the evaluation date, as in R03), or on the evaluation
//   date when that is empty; a licence expiring on that very day still covers it. A licence with a number
//   but no expiry date is not judged on expiry.
// - Status only matters for open records (离场日期 empty or on/after the evaluation date).

import type { EnterpriseRecord } from '../../domain/records.js';
import type { ScreeningContext } from '../context.js';
import { dayOf } from '../day-math.js';
import { HitCollector, type Hit } from '../types.js';

const VALID = '有效';
const NEVER = 2 ** 30;

export function screenContractorLicences(ctx: ScreeningContext): Hit[] {
  const out = new HitCollector('R14');
  const rows = ctx.dataset.staffing;
  const staff = ctx.staffing; // interns the contractors
  // Per org id: the enterprise row (last wins, as identity by 统一社会信用代码 would), its licence facts.
  const enterprises = ctx.dataset.enterprises;
  const enterpriseOf = new Int32Array(ctx.orgs.size).fill(-1);
  for (let x = 0; x < enterprises.length; x++) {
    const o = ctx.orgs.get(enterprises[x]!.uscc);
    if (o >= 0) enterpriseOf[o] = x;
  }
  const licensed = new Uint8Array(enterprises.length);
  const expires = new Int32Array(enterprises.length);
  const valid = new Uint8Array(enterprises.length);
  for (let x = 0; x < enterprises.length; x++) {
    const e = enterprises[x]!;
    licensed[x] = e.license_no !== null && e.license_no !== '' ? 1 : 0;
    expires[x] = e.license_expires !== null && e.license_expires !== '' ? dayOf(e.license_expires) : NEVER;
    valid[x] = e.license_status === VALID ? 1 : 0;
  }
  for (let i = 0; i < rows.length; i++) {
    const o = staff.contractor[i]!;
    const x = o >= 0 ? enterpriseOf[o]! : -1;
    if (x >= 0 && licensed[x] === 1 && expires[x]! >= staff.lastDay[i]! && (staff.open[i] === 0 || valid[x] === 1)) continue;
    const s = rows[i]!;
    const e: EnterpriseRecord | undefined = x >= 0 ? enterprises[x] : undefined;
    let problem: string;
    if (!e) problem = '不在企业库中，无安全生产许可证';
    else if (licensed[x] === 0) problem = '无安全生产许可证';
    else if (expires[x]! < staff.lastDay[i]!) problem = `安全生产许可证 ${e.license_no} 已于 ${e.license_expires} 到期`;
    else problem = `安全生产许可证 ${e.license_no} 状态为「${e.license_status ?? '空'}」`;
    out.add(
      s.contractor_uscc,
      `施工单位 ${e?.name ?? ''}（${s.contractor_uscc}）${problem}，仍在项目 ${s.project_no} 施工（${s.start} 至 ${s.end ?? '今'}）`,
      ...(e ? [['enterprises', e] as const] : []),
      ['staffing', s],
    );
  }
  return out.hits();
}
