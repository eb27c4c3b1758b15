import { describe, expect, it } from 'vitest';
import { allowedActions, CASE_ACTIONS, CASE_STATES, foldCase, refusal, step, type CaseAction, type CaseEvent, type CaseState, type CaseView } from './case-machine.js';
import { DEFAULT_DEADLINES, isOverdue, stageDeadline, checkDeadlineConfig } from './deadlines.js';

const T0 = '2026-01-01T00:00:00.000Z';
const ev = (action: CaseAction, details: CaseEvent['details'] = {}, at = T0): CaseEvent => ({ action, at, details });
const FINE = { items: [{ type: 'fine' as const, amount: 5000 }] };

/** A history that reaches each state, assigned. */
const PATHS: Record<CaseState, CaseEvent[]> = {
  filed: [ev('file'), ev('assign', { assigneeId: 'u1' })],
  investigating: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('investigate')],
  notified: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('investigate'), ev('notify')],
  decided: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('investigate'), ev('notify'), ev('decide', FINE)],
  executing: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('investigate'), ev('notify'), ev('decide', FINE), ev('execute')],
  closed: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('investigate'), ev('notify'), ev('decide', FINE), ev('execute'), ev('close')],
  referred: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('refer_police')],
  revoked: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('revoke')],
  transferring: [ev('file'), ev('assign', { assigneeId: 'u1' }), ev('investigate'), ev('transfer_out')],
};

// Every (state, action) pair the machine allows; everything else is refused.
const ALLOWED: Record<CaseState, CaseAction[]> = {
  filed: ['assign', 'investigate', 'refer_police', 'revoke', 'transfer_out'],
  investigating: ['assign', 'notify', 'refer_police', 'revoke', 'transfer_out'],
  notified: ['assign', 'decide', 'refer_police', 'revoke'],
  decided: ['assign', 'execute'],
  executing: ['assign', 'close'],
  closed: [],
  referred: ['assign', 'police_ack'],
  revoked: [],
  transferring: ['transfer_accept', 'transfer_reject'],
};

const detailsFor = (a: CaseAction): CaseEvent['details'] => (a === 'assign' ? { assigneeId: 'u2' } : a === 'decide' ? FINE : {});

describe('case state machine', () => {
  for (const state of CASE_STATES) {
    const view = foldCase(PATHS[state]);
    it(`reaches ${state}`, () => expect(view.state).toBe(state));
    for (const action of CASE_ACTIONS) {
      const allowed = ALLOWED[state].includes(action);
      it(`${state}: ${action} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const r = step(view, ev(action, detailsFor(action)));
        expect(r.ok, r.ok ? '' : r.message).toBe(allowed);
        if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      });
    }
    it(`${state}: offers exactly the allowed actions (not the receiver's)`, () => {
      expect(allowedActions(view).sort()).toEqual(ALLOWED[state].filter((a) => !a.startsWith('transfer_a') && a !== 'transfer_reject').sort());
    });
  }

  it('moves along the main line', () => {
    const order = PATHS.closed.map((_, i) => foldCase(PATHS.closed.slice(0, i + 1)).state);
    expect(order).toEqual(['filed', 'filed', 'investigating', 'notified', 'decided', 'executing', 'closed']);
  });

  it('refuses every action but assignment on an unassigned case', () => {
    const view = foldCase([ev('file')]);
    expect(allowedActions(view)).toEqual(['assign']);
    expect(refusal(view, 'investigate')).toBe('案件尚未指派承办人，请先指派');
    expect(refusal(null, 'investigate')).toBe('案件尚未立案');
    expect(refusal(view, 'file')).toBe('案件已立案');
  });

  it('closes a police referral only after the receipt', () => {
    const referred = foldCase(PATHS.referred);
    expect(refusal(referred, 'close')).toBe('须先登记公安机关回执才能结案');
    const acked = foldCase([...PATHS.referred, ev('police_ack')]);
    expect(allowedActions(acked)).toEqual(['assign', 'close']);
    expect(foldCase([...PATHS.referred, ev('police_ack'), ev('close')]).state).toBe('closed');
  });

  it('returns a transfer to where it was; acceptance leaves it unassigned', () => {
    const rejected = foldCase([...PATHS.transferring, ev('transfer_reject')]);
    expect(rejected).toMatchObject({ state: 'investigating', assigneeId: 'u1', resumeState: null });
    const accepted = foldCase([...PATHS.transferring, ev('transfer_accept')]);
    expect(accepted).toMatchObject({ state: 'investigating', assigneeId: null });
    expect(allowedActions(accepted)).toEqual(['assign']);
  });

  it('offers re-inspection while a 停业整改 order is in force, even after closing', () => {
    const rectify = { items: [{ type: 'rectify' as const, target: '91510100MA6C1A2B3X' }] };
    const base = [...PATHS.notified, ev('decide', rectify), ev('execute'), ev('close')];
    const closed = foldCase(base);
    expect(allowedActions(closed)).toEqual(['reinspect']);
    expect(foldCase([...base, ev('reinspect', { rectifyUscc: '91510100MA6C1A2B3X' })]).openRectifications).toEqual([]);
    expect(refusal(foldCase([...base, ev('reinspect')]), 'reinspect')).toBe('没有需要复查的停业整改');
  });

  it('refuses a decision without items and an assignment without an assignee', () => {
    expect(step(foldCase(PATHS.notified), ev('decide', { items: [] })).ok).toBe(false);
    expect(step(foldCase(PATHS.filed), ev('assign')).ok).toBe(false);
  });

  it('rejects a history the machine would not write', () => {
    expect(() => foldCase([ev('file'), ev('investigate')])).toThrow(/inconsistent/);
    expect(() => foldCase([])).toThrow();
  });
});

describe('stage deadlines', () => {
  const view = (state: CaseState, stageSince: string, filedAt = T0): Pick<CaseView, 'state' | 'stageSince' | 'filedAt' | 'policeAcknowledged'> => ({ state, stageSince, filedAt, policeAcknowledged: false });

  it('gives each stage its days', () => {
    expect(stageDeadline(view('filed', T0))).toBe('2026-01-08T00:00:00.000Z');
    expect(stageDeadline(view('investigating', T0))).toBe('2026-01-31T00:00:00.000Z');
    expect(stageDeadline(view('executing', T0))).toBe('2026-04-01T00:00:00.000Z');
    expect(stageDeadline(view('closed', T0))).toBeNull();
    expect(stageDeadline({ ...view('referred', T0), policeAcknowledged: true })).toBeNull();
  });

  it('caps the stages before the decision at 90 days from filing (行政处罚法 art. 60)', () => {
    // Notified on day 80: 15 days would end on day 95; the decision is due on day 90.
    expect(stageDeadline(view('notified', '2026-03-22T00:00:00.000Z'))).toBe('2026-04-01T00:00:00.000Z');
    expect(stageDeadline(view('notified', '2026-01-11T00:00:00.000Z'))).toBe('2026-01-26T00:00:00.000Z');
  });

  it('follows the configuration', () => {
    expect(stageDeadline(view('investigating', T0), { ...DEFAULT_DEADLINES, investigating: 10 })).toBe('2026-01-11T00:00:00.000Z');
  });

  it('is overdue strictly after the deadline', () => {
    expect(isOverdue('2026-01-08T00:00:00.000Z', new Date('2026-01-07T23:59:59Z'))).toBe(false);
    expect(isOverdue('2026-01-08T00:00:00.000Z', new Date('2026-01-08T00:00:01Z'))).toBe(true);
    expect(isOverdue(null, new Date())).toBe(false);
  });

  it('validates a configuration', () => {
    expect(checkDeadlineConfig({ investigating: 0 })).toEqual({ ok: false, message: '调查取证（天）须为1到3650之间的整数' });
    expect(checkDeadlineConfig({ investigating: 20 })).toMatchObject({ ok: true, config: { investigating: 20, filed: 7 } });
  });
});
