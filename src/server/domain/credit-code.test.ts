import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeRegion, isValidCreditCode } from './credit-code.js';

describe('GB 32100-2015 unified social credit code', () => {
  it('accepts the standard example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });
  it('rejects a wrong check character, a forbidden letter and a wrong length', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M0001I0Y43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });
  it('reads the region inside', () => {
    expect(creditCodeRegion('91510100UEQ5K0QR41')).toBe('510100');
  });
});
