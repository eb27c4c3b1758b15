// Chinese labels for the screening console: run states, change and judgement of a hit, the filter
// options and the rule parameters.

import type { HitChange, HitJudgement, ScreeningRun, ScreeningRunStatus } from '../../api.js';

export const RUN_STATUS: Record<ScreeningRunStatus, { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '筛查中', color: 'processing' },
  succeeded: { text: '已完成', color: 'success' },
  failed: { text: '失败', color: 'error' },
};

export const isRunActive = (run: ScreeningRun | null | undefined): boolean =>
  run?.status === 'queued' || run?.status === 'running';

const PHASE_LABELS: Record<string, string> = { loading: '读取数据', screening: '执行规则', saving: '保存结果' };

/** Where a running screening is: the phase with its step count. */
export function progressText(run: ScreeningRun): string {
  if (run.status === 'queued') return '排队等待中…';
  const p = run.progress;
  if (!p) return '准备中…';
  const phase = PHASE_LABELS[p.phase] ?? p.phase;
  const unit = p.phase === 'loading' ? '类数据' : p.phase === 'screening' ? '条规则' : '条命中';
  return p.total > 0 ? `${phase} ${p.done}/${p.total} ${unit}` : `${phase}…`;
}

/** The three phases weigh 30 / 50 / 20 % of the bar, so it moves forward through all of them. */
export function progressPercent(run: ScreeningRun): number {
  if (run.status === 'succeeded' || run.status === 'failed') return 100;
  const p = run.progress;
  if (!p) return 0;
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const [start, width] = p.phase === 'loading' ? [0, 30] : p.phase === 'screening' ? [30, 50] : [80, 20];
  return Math.min(99, Math.floor(start + share * width));
}

export const CHANGE_LABELS: Record<HitChange, { text: string; color: string }> = {
  new: { text: '新增', color: 'red' },
  remaining: { text: '仍存在', color: 'default' },
  gone: { text: '已消失', color: 'green' },
};

export const JUDGEMENT_LABELS: Record<HitJudgement | 'pending', { text: string; color: string }> = {
  pending: { text: '待研判', color: 'gold' },
  confirmed: { text: '已确认（转线索）', color: 'volcano' },
  dismissed: { text: '已排除', color: 'default' },
};

/** 与上次相比: the API's `change` filter; empty means current hits (new and remaining). */
export const CHANGE_OPTIONS = [
  { value: '', label: '当前命中' },
  { value: 'new', label: '新增' },
  { value: 'remaining', label: '仍存在' },
  { value: 'gone', label: '已消失' },
];

/** 研判: the API's `judgement` filter; empty means everything not dismissed. */
export const JUDGEMENT_OPTIONS = [
  { value: '', label: '未排除' },
  { value: 'pending', label: '待研判' },
  { value: 'confirmed', label: '已确认' },
  { value: 'dismissed', label: '已排除' },
  { value: 'all', label: '全部' },
];

export interface ParamField {
  /** `minTrainingHours.TZ` for a nested value. */
  key: string;
  label: string;
  unit: string;
  step?: number;
}

/** The parameters of each rule, in rule order, as the start-run form shows them. */
export const PARAM_GROUPS: Array<{ rule: string; fields: ParamField[] }> = [
  {
    rule: 'R05',
    fields: [
      { key: 'insuranceLookbackMonths', label: '社保回看月数', unit: '个月' },
      { key: 'insuranceMinPaidMonths', label: '最少参保月数', unit: '个月' },
    ],
  },
  {
    rule: 'R06',
    fields: [
      { key: 'frequentChangesMin', label: '变更次数下限', unit: '次' },
      { key: 'frequentChangesWindowDays', label: '首末变更间隔少于', unit: '天' },
    ],
  },
  {
    rule: 'R07',
    fields: [
      { key: 'minTrainingHours.A', label: '最低学时 A 类', unit: '学时' },
      { key: 'minTrainingHours.B', label: '最低学时 B 类', unit: '学时' },
      { key: 'minTrainingHours.C1', label: '最低学时 C1 类', unit: '学时' },
      { key: 'minTrainingHours.C2', label: '最低学时 C2 类', unit: '学时' },
      { key: 'minTrainingHours.C3', label: '最低学时 C3 类', unit: '学时' },
      { key: 'minTrainingHours.TZ', label: '最低学时 特种作业', unit: '学时' },
      { key: 'trainingWindowDays', label: '发证前培训统计期', unit: '天' },
    ],
  },
  { rule: 'R08', fields: [{ key: 'maxHoursPerDay', label: '单日最多学时', unit: '学时' }] },
  {
    rule: 'R09',
    fields: [
      { key: 'minutesPerStudyHour', label: '每学时分钟数', unit: '分钟' },
      { key: 'hoursTolerance', label: '学时容差', unit: '学时', step: 0.05 },
    ],
  },
  { rule: 'R10', fields: [{ key: 'examWindowDays', label: '发证前考试有效期', unit: '天' }] },
  {
    rule: 'R11',
    fields: [
      { key: 'identicalAnswersMin', label: '相同答卷人数下限', unit: '人' },
      { key: 'fastPassesMin', label: '快速交卷人数下限', unit: '人' },
      { key: 'fastPassMinutes', label: '快速交卷时限', unit: '分钟' },
    ],
  },
  {
    rule: 'R12',
    fields: [
      { key: 'minAge', label: '发证最低年龄', unit: '周岁' },
      { key: 'maxAge', label: '进场年龄上限', unit: '周岁' },
    ],
  },
];
