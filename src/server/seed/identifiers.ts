// Identifiers for synthetic records: resident IDs (GB 11643-1999), unified social credit codes
// (GB 32100-2015, with the GB 11714 organisation code inside), licence and certificate numbers.
// Uniqueness is by construction (counters), so memory stays flat at province scale.

import { creditCodeCheckChar } from '../domain/credit-code.js';
import { daysInMonth, residentIdCheckChar } from '../domain/resident-id.js';
import { hash32, type Rng } from './prng.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Resident IDs, unique because the 3-digit sequence is drawn without replacement within each
 * (county, birth year-month): 500 per sex, in a scrambled order so that numbers look natural.
 */
export class ResidentIdAllocator {
  private readonly counters = new Map<string, number>();

  /** A valid ID for someone born on `birth` (YYYY-MM-DD) in `county`; the day may move within the month when full. */
  allocate(county: string, birth: string, male: boolean): string {
    let y = Number(birth.slice(0, 4));
    let m = Number(birth.slice(5, 7));
    const d = Number(birth.slice(8, 10));
    for (;;) {
      const key = county + y + pad(m, 2);
      const c = this.counters.get(key) ?? 0;
      if (c < 500) {
        this.counters.set(key, c + 1);
        const scrambled = (c * 263 + (hash32(key) % 500)) % 500;
        const seq = scrambled * 2 + (male ? 1 : 0);
        const first17 = county + y + pad(m, 2) + pad(Math.min(d, daysInMonth(y, m)), 2) + pad(seq, 3);
        return first17 + residentIdCheckChar(first17)!;
      }
      // A full month (province scale, big counties): the next month over.
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
  }
}

/** The same ID with a check character that fails (R13). */
export function withWrongCheckChar(idNo: string): string {
  const right = idNo[17]!;
  const chars = '0123456789X';
  return idNo.slice(0, 17) + chars[(chars.indexOf(right) + 3) % 11]!;
}

/** An 18-character ID whose birth date is no date (month 13): only the date fails GB 11643. */
export function withImpossibleBirthDate(county: string, year: number, seq: number): string {
  const first17 = county + year + '13' + pad((seq % 28) + 1, 2) + pad(seq % 1000, 3);
  return first17 + residentIdCheckChar(first17)!;
}

// GB 32100 alphabet without I O S V Z; the organisation code body uses the same characters.
const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type CreditCodeKind = 'enterprise' | 'public_institution' | 'social_org';
const KIND_PREFIX: Record<CreditCodeKind, string> = {
  enterprise: '91', // market regulation, enterprise
  public_institution: '12', // organisation establishment, public institution (事业单位)
  social_org: '52', // civil affairs, private non-enterprise unit (民办非企业单位)
};

export class CreditCodeAllocator {
  private readonly used = new Set<string>();

  allocate(rng: Rng, region: string, kind: CreditCodeKind = 'enterprise'): string {
    for (;;) {
      let body = '';
      // Older organisation codes are mostly digits; newer ones mix letters in.
      const lettered = rng.chance(0.6);
      for (let i = 0; i < 8; i++) body += lettered ? rng.pick([...ORG_CHARS]) : String(rng.int(0, 9));
      const org = body + orgCodeCheckChar(body);
      const first17 = KIND_PREFIX[kind] + region + org;
      const code = first17 + creditCodeCheckChar(first17)!;
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}

/** (川)JZ安许证字[2023]007346 */
export class LicenceNoAllocator {
  private serial: number;
  constructor(rng: Rng) {
    this.serial = rng.int(1000, 3000);
  }
  allocate(year: number): string {
    this.serial += 1 + (this.serial % 3 === 0 ? 1 : 0);
    return `(川)JZ安许证字[${year}]${pad(this.serial, 6)}`;
  }
}

/**
 * Certificate numbers. 三类人员: 川建安B(2021)1052428 (7-digit serial); 特种作业: 川建(05)2022000123
 * (operation code, year, 6-digit serial). Genuine serials stay below 9000000 / 800000 so that the
 * fake numbers (R01) drawn above them never collide with a real one.
 */
export class CertNoAllocator {
  private readonly counters = new Map<string, number>();

  private nextSerial(key: string, start: number, step: number): number {
    const c = this.counters.get(key) ?? start + (hash32(key) % step);
    const next = c + 1 + (hash32(key + c) % 3 === 0 ? 1 : 0);
    this.counters.set(key, next);
    return next;
  }

  sanLei(category: string, year: number): string {
    return `川建安${category}(${year})${pad(this.nextSerial(`${category}${year}`, 1_000_000, 50_000), 7)}`;
  }

  tz(operation: string, year: number): string {
    return `川建(${operation})${year}${pad(this.nextSerial(`TZ${operation}${year}`, 0, 2_000), 6)}`;
  }

  /** A number no registry knows, in the same style (fake certificates, R01). */
  fakeSanLei(category: string, year: number): string {
    return `川建安${category}(${year})${pad(this.nextSerial(`fake${category}${year}`, 9_000_000, 900), 7)}`;
  }

  fakeTz(operation: string, year: number): string {
    return `川建(${operation})${year}${pad(this.nextSerial(`fakeTZ${operation}${year}`, 800_000, 900), 6)}`;
  }
}

/** The 应急管理部 special-operation certificate is numbered T + the holder's ID number. */
export const emergencyCertNo = (idNo: string): string => 'T' + idNo;
