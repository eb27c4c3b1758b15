// The case (案件) state machine. A case's state is a pure fold over its append-only action history:
// 立案 → 调查取证 → 告知 → 决定 → 执行 → 结案, with 移送公安 (and its receipt), 撤销, transfer to another
// jurisdiction (accepted or rejected by the receiver), assignment and re-inspection. No I/O here.
//
// Rules beyond the order of stages:
// - nothing but assignment happens on a case without an assignee (a case is held before it is worked);
// - while a transfer to another jurisdiction is pending only the receiver's accept/reject is possible;
// - acceptance of a transfer clears the assignee: the receiving jurisdiction assigns its own officer;
// - a case referred to the police closes only once the police's receipt (回执) is recorded;
// - re-inspection (复查) is offered only while a 停业整改 order of the case is in force.

import type { DecisionItem } from './decisions.js';

export const CASE_STATES = ['filed', 'investigating', 'notified', 'decided', 'executing', 'closed', 'referred', 'revoked', 'transferring'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  filed: '已立案',
  investigating: '调查取证',
  notified: '已告知',
  decided: '已决定',
  executing: '执行中',
  closed: '已结案',
  referred: '已移送公安',
  revoked: '已撤销',
  transferring: '移送待接收',
};

export const CASE_ACTIONS = [
  'file',
  'assign',
  'investigate',
  'notify',
  'decide',
  'execute',
  'close',
  'refer_police',
  'police_ack',
  'revoke',
  'transfer_out',
  'transfer_accept',
  'transfer_reject',
  'reinspect',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  file: '立案',
  assign: '指派承办人',
  investigate: '开始调查取证',
  notify: '告知（行政处罚事先告知）',
  decide: '作出处理决定',
  execute: '执行',
  close: '结案',
  refer_police: '移送公安机关',
  police_ack: '登记公安回执',
  revoke: '撤销立案',
  transfer_out: '移送其他地区/部门',
  transfer_accept: '接收移送',
  transfer_reject: '退回移送',
  reinspect: '复查通过（解除停业整改）',
};

/** Entries of the history that change nothing in the state (files, notes) are not fed to the machine. */
export interface CaseEvent {
  action: CaseAction;
  at: string;
  details: {
    assigneeId?: string;
    items?: DecisionItem[];
    rectifyUscc?: string;
  };
}

export interface CaseView {
  state: CaseState;
  /** When the current stage began (ISO). */
  stageSince: string;
  filedAt: string;
  assigneeId: string | null;
  decision: DecisionItem[] | null;
  policeAcknowledged: boolean;
  /** While transferring: the state the case returns to. */
  resumeState: CaseState | null;
  /** Credit codes under a 停业整改 order of this case that no re-inspection has lifted yet. */
  openRectifications: string[];
}

const TERMINAL: readonly CaseState[] = ['closed', 'revoked'];
const BEFORE_DECISION: readonly CaseState[] = ['filed', 'investigating', 'notified'];

/** Where each stage action may start and where it leads. */
const MOVES: Partial<Record<CaseAction, { from: readonly CaseState[]; to: CaseState }>> = {
  investigate: { from: ['filed'], to: 'investigating' },
  notify: { from: ['investigating'], to: 'notified' },
  decide: { from: ['notified'], to: 'decided' },
  execute: { from: ['decided'], to: 'executing' },
  close: { from: ['executing', 'referred'], to: 'closed' },
  refer_police: { from: BEFORE_DECISION, to: 'referred' },
  revoke: { from: BEFORE_DECISION, to: 'revoked' },
  transfer_out: { from: ['filed', 'investigating'], to: 'transferring' },
};

export type Step = { ok: true; view: CaseView } | { ok: false; message: string };

/** Why `action` is refused in `view`, or null when it is allowed. */
export function refusal(view: CaseView | null, action: CaseAction): string | null {
  if (!view) return action === 'file' ? null : '案件尚未立案';
  if (action === 'file') return '案件已立案';
  const label = CASE_ACTION_LABELS[action];
  const here = CASE_STATE_LABELS[view.state];
  if (TERMINAL.includes(view.state) && action !== 'reinspect') return `案件${here}，不能再${label}`;
  if (view.state === 'transferring') return action === 'transfer_accept' || action === 'transfer_reject' ? null : `案件${here}，须等待接收方处理`;
  if (action === 'transfer_accept' || action === 'transfer_reject') return '案件没有待接收的移送';
  if (action === 'assign') return null;
  if (!view.assigneeId) return '案件尚未指派承办人，请先指派';
  if (action === 'police_ack') return view.state !== 'referred' ? '案件未移送公安机关' : view.policeAcknowledged ? '公安回执已登记' : null;
  if (action === 'reinspect') return view.openRectifications.length ? null : '没有需要复查的停业整改';
  if (action === 'close' && view.state === 'referred' && !view.policeAcknowledged) return '须先登记公安机关回执才能结案';
  const move = MOVES[action];
  if (!move || !move.from.includes(view.state)) return `案件${here}，不能${label}`;
  return null;
}

/** Apply one action: the new view, or the refusal. */
export function step(view: CaseView | null, e: CaseEvent): Step {
  const why = refusal(view, e.action);
  if (why) return { ok: false, message: why };
  if (!view || e.action === 'file')
    return {
      ok: true,
      view: { state: 'filed', stageSince: e.at, filedAt: e.at, assigneeId: e.details.assigneeId ?? null, decision: null, policeAcknowledged: false, resumeState: null, openRectifications: [] },
    };
  const v: CaseView = { ...view, openRectifications: [...view.openRectifications] };
  switch (e.action) {
    case 'assign':
      if (!e.details.assigneeId) return { ok: false, message: '须选择承办人' };
      v.assigneeId = e.details.assigneeId;
      return { ok: true, view: v };
    case 'police_ack':
      v.policeAcknowledged = true;
      return { ok: true, view: v };
    case 'reinspect':
      v.openRectifications = e.details.rectifyUscc ? v.openRectifications.filter((u) => u !== e.details.rectifyUscc) : [];
      return { ok: true, view: v };
    case 'transfer_out':
      v.resumeState = view.state;
      break;
    case 'transfer_accept':
    case 'transfer_reject':
      v.state = view.resumeState ?? 'filed';
      v.resumeState = null;
      v.stageSince = e.at;
      if (e.action === 'transfer_accept') v.assigneeId = null;
      return { ok: true, view: v };
    case 'decide': {
      const items = e.details.items ?? [];
      if (!items.length) return { ok: false, message: '处理决定至少包含一项' };
      v.decision = items;
      v.openRectifications = items.filter((i) => i.type === 'rectify' && i.target).map((i) => i.target!);
      break;
    }
    default:
      break;
  }
  v.state = MOVES[e.action]!.to;
  v.stageSince = e.at;
  return { ok: true, view: v };
}

/** The state of a case from its whole history; throws on a history the machine would not have written. */
export function foldCase(events: readonly CaseEvent[]): CaseView {
  let view: CaseView | null = null;
  for (const e of events) {
    const r = step(view, e);
    if (!r.ok) throw new Error(`case history is inconsistent at ${e.action}: ${r.message}`);
    view = r.view;
  }
  if (!view) throw new Error('a case history starts with 立案');
  return view;
}

/** The actions to offer in this view (transfer answers are offered to the receiver only, elsewhere). */
export function allowedActions(view: CaseView): CaseAction[] {
  return CASE_ACTIONS.filter((a) => a !== 'file' && a !== 'transfer_accept' && a !== 'transfer_reject' && refusal(view, a) === null);
}
