// Checking what a reporter (or the staff member taking a call) filled in: every problem named by field
// and reason, in Chinese, before anything is written. Pure.

import { normaliseSubject } from '../clues/subjects.js';
import { regionByCode } from '../domain/regions.js';
import { residentIdProblem } from '../domain/resident-id.js';
import { normCode, normName } from '../domain/normalise.js';
import { pinProblem } from './pin.js';
import { TIP_CATEGORIES, TIP_CHANNELS, type TipCategory, type TipChannel } from './tip-rules.js';

export interface FieldError {
  field: string;
  reason: string;
}

/** What the form sends (JSON or the `tip` field of a multipart upload). */
export interface RawTip {
  category?: unknown;
  anonymous?: unknown;
  reporterName?: unknown;
  reporterPhone?: unknown;
  region?: unknown;
  subjectCertNo?: unknown;
  subjectPersonName?: unknown;
  subjectIdNo?: unknown;
  subjectEnterprise?: unknown;
  subjectUscc?: unknown;
  subjectUrl?: unknown;
  description?: unknown;
  pin?: unknown;
  /** Staff entry only. */
  channel?: unknown;
  receivedAt?: unknown;
}

export interface TipInput {
  category: TipCategory;
  channel: TipChannel;
  anonymous: boolean;
  reporterName: string | null;
  reporterPhone: string | null;
  region: string | null;
  subjectCertNo: string | null;
  subjectPersonName: string | null;
  subjectIdNo: string | null;
  subjectEnterprise: string | null;
  subjectUscc: string | null;
  subjectUrl: string | null;
  description: string;
  pin: string | null;
  /** ISO date-time; null = now. */
  receivedAt: string | null;
}

export const FIELD_LABELS: Record<string, string> = {
  category: '举报类别',
  anonymous: '是否匿名',
  reporterName: '举报人姓名',
  reporterPhone: '联系电话',
  region: '所在地区',
  subjectCertNo: '证书编号',
  subjectPersonName: '被举报人姓名',
  subjectIdNo: '被举报人身份证号',
  subjectEnterprise: '被举报单位名称',
  subjectUscc: '统一社会信用代码',
  subjectUrl: '网址',
  description: '举报内容',
  pin: '查询密码',
  channel: '举报渠道',
  receivedAt: '受理时间',
  attachments: '附件',
};

const str = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFKC').trim() : typeof v === 'number' ? String(v) : '');
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$/;

/** `staff`: a hotline/letter/visit entry by staff (channel required, PIN optional, receipt time allowed). */
export function checkTipInput(raw: RawTip, o: { staff: boolean; now: Date }): { ok: true; tip: TipInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, reason: string) => errors.push({ field, reason });

  const category = str(raw.category);
  if (!(TIP_CATEGORIES as readonly string[]).includes(category)) fail('category', category ? '不是可选的类别' : '请选择');

  const channel = o.staff ? str(raw.channel) : 'web';
  if (o.staff && (!Object.hasOwn(TIP_CHANNELS, channel) || channel === 'web')) fail('channel', channel ? '不是可选的渠道' : '请选择');

  const anonymous = raw.anonymous === true || raw.anonymous === 'true';
  const reporterName = normName(str(raw.reporterName)) || null;
  const reporterPhone = str(raw.reporterPhone).replace(/[\s()（）]/g, '') || null;
  if (!anonymous) {
    if (!reporterName) fail('reporterName', '实名举报请填写姓名');
    else if (reporterName.length > 50) fail('reporterName', '不能超过 50 个字');
    if (!reporterPhone) fail('reporterPhone', '实名举报请填写联系电话');
  }
  if (reporterPhone && !PHONE.test(reporterPhone)) fail('reporterPhone', '格式不正确（手机号11位，或区号-座机号）');

  const region = str(raw.region) || null;
  if (region && !regionByCode(region)) fail('region', '不是四川省的市州或区县');

  const subjectCertNo = normCode(str(raw.subjectCertNo)) || null;
  if (subjectCertNo && subjectCertNo.length > 64) fail('subjectCertNo', '不能超过 64 个字符');
  const subjectPersonName = normName(str(raw.subjectPersonName)) || null;
  if (subjectPersonName && subjectPersonName.length > 50) fail('subjectPersonName', '不能超过 50 个字');
  const subject = (field: string, kind: string): string | null => {
    const v = str(raw[field as keyof RawTip]);
    if (!v) return null;
    const r = normaliseSubject(kind, v);
    if (!r.ok) {
      fail(field, r.message);
      return null;
    }
    return kind === 'website' ? v.slice(0, 2000) : r.subject.value;
  };
  let subjectIdNo = subject('subjectIdNo', 'person');
  if (subjectIdNo && residentIdProblem(subjectIdNo) !== null) {
    fail('subjectIdNo', '不是有效的身份证号（校验位或出生日期不符）');
    subjectIdNo = null;
  }
  const subjectUscc = subject('subjectUscc', 'enterprise');
  const subjectUrl = subject('subjectUrl', 'website');
  const subjectEnterprise = str(raw.subjectEnterprise) || null;
  if (subjectEnterprise && subjectEnterprise.length > 100) fail('subjectEnterprise', '不能超过 100 个字');
  if (category === '假冒政府网站' && !str(raw.subjectUrl)) fail('subjectUrl', '举报假冒网站请填写网址');

  const description = str(raw.description);
  if (description.length < 10) fail('description', description ? '请至少写 10 个字，说明时间、地点和经过' : '请填写');
  else if (description.length > 5000) fail('description', '不能超过 5000 个字');

  const pin = str(raw.pin) || null;
  if (!o.staff && !pin) fail('pin', '请设置 6 至 12 位数字的查询密码');
  else if (pin) {
    const problem = pinProblem(pin);
    if (problem) fail('pin', problem);
  }

  let receivedAt: string | null = null;
  if (o.staff && str(raw.receivedAt)) {
    const t = Date.parse(str(raw.receivedAt));
    if (Number.isNaN(t)) fail('receivedAt', '不是有效的日期时间');
    else if (t > o.now.getTime() + 60_000) fail('receivedAt', '不能晚于现在');
    else if (t < o.now.getTime() - 366 * 86_400_000) fail('receivedAt', '不能早于一年前');
    else receivedAt = new Date(t).toISOString();
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    tip: {
      category: category as TipCategory,
      channel: channel as TipChannel,
      anonymous,
      reporterName: anonymous ? null : reporterName,
      reporterPhone: anonymous ? null : reporterPhone,
      region,
      subjectCertNo,
      subjectPersonName,
      subjectIdNo,
      subjectEnterprise,
      subjectUscc,
      subjectUrl,
      description,
      pin,
      receivedAt,
    },
  };
}

/** "举报内容：请至少写 10 个字…；联系电话：格式不正确…" */
export function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => `${FIELD_LABELS[e.field] ?? e.field}：${e.reason}`).join('；');
}
