import { describe, expect, it } from 'vitest';
import { CODE_BITS, CODE_LENGTH, CROCKFORD, canonicalCode, codeHash, groupCode, newTrackingCode } from './tracking-code.js';
import { hashPin, pinProblem, verifyPin } from './pin.js';
import { deadlineState, feedbackDueDate, handlingDueDate, isFirstValidTip, maskPhone, suggestedReward } from './tip-rules.js';

describe('tracking code', () => {
  it('has 20 Crockford base32 characters in four groups: 100 bits, at least 80', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(canonicalCode(code)).toHaveLength(CODE_LENGTH);
    expect(CROCKFORD).toHaveLength(32);
    expect(new Set(CROCKFORD).size).toBe(32);
    expect(CROCKFORD).not.toMatch(/[ILOU]/);
    expect(CODE_BITS).toBe(100);
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
  });

  it('spends every random bit: all-zero and all-one bytes give the first and last characters', () => {
    expect(newTrackingCode((n) => Buffer.alloc(n, 0))).toBe('00000-00000-00000-00000');
    expect(newTrackingCode((n) => Buffer.alloc(n, 0xff))).toBe('ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
    // 0x08 0x86 0x42 0x00 = 00001 00010 00011 00100 00100 0…: the 5-bit groups map to 1, 2, 3, 4, 4
    expect(newTrackingCode((n) => Buffer.concat([Buffer.from([0x08, 0x86, 0x42]), Buffer.alloc(n - 3)])).slice(0, 5)).toBe('12344');
  });

  it('gives distinct codes with every character used', () => {
    const codes = Array.from({ length: 2000 }, () => newTrackingCode());
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Set(codes.join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });

  it('reads what people type: lower case, spaces, O for 0, I/L for 1', () => {
    expect(canonicalCode('abcde fghjk-mnpqr_stvwx')).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(canonicalCode('OIL00-00000-00000-00000')).toBe('01100000000000000000');
    expect(canonicalCode('ABCDE-FGHJK')).toBeNull();
    expect(canonicalCode('UUUUU-UUUUU-UUUUU-UUUUU')).toBeNull();
    expect(codeHash('abcde-fghjk-mnpqr-stvwx')).toBe(codeHash('ABCDEFGHJKMNPQRSTVWX'));
    expect(codeHash('nonsense')).not.toBe(codeHash('nonsense2'));
    expect(groupCode('ABCDEFGHJKMNPQRSTVWX')).toBe('ABCDE-FGHJK-MNPQR-STVWX');
  });
});

describe('PIN', () => {
  it('accepts 6 to 12 digits that are not trivial', () => {
    expect(pinProblem('482913')).toBeNull();
    expect(pinProblem('48291')).toMatch(/6 至 12 位/);
    expect(pinProblem('48291a')).toMatch(/数字/);
    expect(pinProblem('111111')).toMatch(/同一个数字/);
    expect(pinProblem('123456')).toMatch(/连续/);
    expect(pinProblem('987654')).toMatch(/连续/);
  });

  it('is stored as an argon2id hash that verifies only the same PIN', async () => {
    const h = await hashPin('482913');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(h).not.toContain('482913');
    expect(await verifyPin('482913', h)).toBe(true);
    expect(await verifyPin('482914', h)).toBe(false);
    expect(await verifyPin('482913', null)).toBe(false);
    expect(await verifyPin('482913', 'garbage')).toBe(false);
  });
});

describe('deadlines', () => {
  it('gives 60 days to handle from receipt and 10 days to tell the tipster after closing', () => {
    expect(handlingDueDate('2025-01-01')).toBe('2025-03-02');
    expect(feedbackDueDate('2025-02-25')).toBe('2025-03-07');
  });

  it('marks open tips past their deadline and closed ones not yet told', () => {
    const open = { status: 'handling', due_date: '2025-03-02', feedback_due: null, feedback_at: null };
    expect(deadlineState(open, '2025-03-02')).toEqual({ overdue: false, feedbackOverdue: false, daysLeft: 0 });
    expect(deadlineState(open, '2025-03-03')).toEqual({ overdue: true, feedbackOverdue: false, daysLeft: -1 });
    const closed = { status: 'closed', due_date: '2025-03-02', feedback_due: '2025-03-12', feedback_at: null };
    expect(deadlineState(closed, '2025-03-20')).toMatchObject({ overdue: false, feedbackOverdue: true });
    expect(deadlineState({ ...closed, feedback_at: '2025-03-05T00:00:00Z' }, '2025-03-20')).toMatchObject({ feedbackOverdue: false, daysLeft: null });
  });
});

describe('rewards (Sichuan 2021)', () => {
  it('pays 15 % of the fine within 3,000 and 300,000 yuan, 1,000 without a fine', () => {
    expect(suggestedReward(100_000)).toBe(15_000);
    expect(suggestedReward(10_000)).toBe(3000); // 1,500 → the minimum
    expect(suggestedReward(20_000)).toBe(3000);
    expect(suggestedReward(30_000)).toBe(4500);
    expect(suggestedReward(5_000_000)).toBe(300_000); // 750,000 → the maximum
    expect(suggestedReward(0)).toBe(1000);
    expect(suggestedReward(null)).toBe(1000);
    expect(suggestedReward(33_333)).toBe(4999.95);
  });

  it('rewards only the first valid tipster on the same subject', () => {
    const a = { id: 'a', received_at: '2025-01-02T08:00:00Z', valid: null };
    const b = { id: 'b', received_at: '2025-01-01T08:00:00Z', valid: null };
    const c = { id: 'c', received_at: '2025-01-03T08:00:00Z', valid: 1 };
    expect(isFirstValidTip(b, [a, b, c])).toBe(true);
    expect(isFirstValidTip(a, [a, b, c])).toBe(false);
    expect(isFirstValidTip(a, [a, { ...b, valid: 0 }, c])).toBe(true);
  });

  it('masks phone numbers', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
});
