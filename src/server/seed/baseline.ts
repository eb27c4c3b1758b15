// The clean baseline: people whose records break none of the 14 rules, with realistic variety
// (renewed and lapsed certificates, stale states, employer changes, continuing education, failed exams).
// Every choice here keeps a margin from the rules' thresholds; the boundaries are the near-misses' job.

import { type CertCategory, VALIDITY_YEARS } from '../domain/certificates.js';
import type { CertificateRecord } from '../domain/records.js';
import type { Rng } from './prng.js';
import { addYearsDn, dn, type Enterprise, isSanLeiCategory, type Person, type World } from './world.js';

const MAIN_CATEGORIES: readonly (readonly [CertCategory | 'EXT', number])[] = [
  ['A', 6], ['B', 20], ['C1', 5], ['C2', 8], ['C3', 14], ['TZ', 43], ['EXT', 4],
];

const CURRENT_STATES: readonly (readonly [string, number])[] = [
  ['有效', 88], ['暂扣', 2], ['撤销', 1], ['注销', 3], ['办理转出', 2], ['吊销', 1], ['失效', 3],
];
const PAST_STATES: readonly (readonly [string, number])[] = [['失效', 55], ['有效', 35], ['注销', 10]];

export function planBaselinePerson(w: World, rng: Rng): Person {
  const kind = rng.weighted(MAIN_CATEGORIES);
  const workCityIdx = w.pickCityIdx(rng);
  const homeCityIdx = rng.chance(0.75) ? workCityIdx : w.pickCityIdx(rng);
  // TZ holders stay below 58 so that no post starts at 60 (R12); 三类人员 may be older.
  const age: [number, number] = kind === 'TZ' || kind === 'EXT' ? [22, 57] : kind === 'A' ? [32, 63] : [25, 62];
  const p = w.newPerson(rng, { cityIdx: homeCityIdx, age });
  const employer = w.pickContractor(rng, workCityIdx);

  if (kind === 'EXT') {
    w.employ(p, employer);
    const issued = w.A - rng.int(30, 2100);
    const cert = w.issueEmergencyCert(p, Math.max(issued, p.birth + 365 * 21));
    planPostings(w, rng, p, [cert], kind);
    if (rng.chance(0.4)) w.insure(p, monthsOfInsurance(w, rng));
    return p;
  }

  // The final employer is known up front; earlier employers are drawn when the changes are.
  const category = kind;
  const validity = VALIDITY_YEARS[category];
  const minIssueAge = category === 'TZ' ? 19 : 21;
  const earliestIssue = addYearsDn(p.birth, minIssueAge) + 30;
  const lapsed = rng.chance(0.07);
  let current = lapsed
    ? w.A - validity * 365 - rng.int(20, 600)
    : w.A - rng.int(15, validity * 365 - 20);
  current = w.avoidEraEdge(current, rng);
  const issueDays: number[] = [];
  if (current >= earliestIssue) issueDays.push(current);
  // Renewals backwards: each earlier certificate issued ~validity years before, overlapping a little.
  let prev = current;
  for (let k = 0; k < 2 && rng.chance(k === 0 ? 0.65 : 0.35); k++) {
    prev = w.avoidEraEdge(addYearsDn(prev, -validity) + rng.int(5, 80), rng);
    if (prev < earliestIssue) break;
    issueDays.push(prev);
  }
  if (issueDays.length === 0) {
    let d = Math.max(earliestIssue, w.T0 - rng.int(400, 900));
    if (d >= w.T0 && d < w.T0 + 200) d = w.T0 + 200 + rng.int(0, 100);
    issueDays.push(d);
  }
  issueDays.sort((a, b) => a - b);

  w.employ(p, employer);
  const certs: CertificateRecord[] = [];
  let op: string | undefined;
  for (let i = 0; i < issueDays.length; i++) {
    const day = issueDays[i]!;
    const isLast = i === issueDays.length - 1;
    const expires = addYearsDn(day, validity);
    const status = expires < w.A ? rng.weighted(PAST_STATES) : isLast ? rng.weighted(CURRENT_STATES) : '有效';
    const c = w.issueCert(rng, p, category, day, { status, operation: op });
    op = c.operation ?? undefined;
    certs.push(c);
  }
  // A second 三类 certificate for some (a project manager who is also a safety officer).
  if (isSanLeiCategory(category) && rng.chance(0.12)) {
    const second: CertCategory = category === 'C3' ? 'B' : 'C3';
    const day = w.avoidEraEdge(w.A - rng.int(60, 3 * 365 - 30), rng);
    if (day >= earliestIssue) certs.push(w.issueCert(rng, p, second, day, { status: '有效' }));
  }
  // Some special operators also hold the 应急管理厅 certificate.
  if (category === 'TZ' && rng.chance(0.08)) {
    certs.push(w.issueEmergencyCert(p, Math.max(w.A - rng.int(30, 2000), addYearsDn(p.birth, 21))));
  }

  planChanges(w, rng, p, certs, employer);
  // Continuing education (继续教育) for 三类人员 with a valid certificate: one 2-day class in the last year.
  if (isSanLeiCategory(category) && !lapsed && rng.chance(0.5)) {
    const c = w.findClass(rng, p, employer.cityIdx, 'JX', w.A - rng.int(20, 300), 0);
    if (c !== null && dn(c.sessions[c.sessions.length - 1]!.end.slice(0, 10)) < w.A) w.attend(p, c);
  }
  planPostings(w, rng, p, certs, category);
  const insured = isSanLeiCategory(category) ? rng.chance(0.92) : rng.chance(0.55);
  if (insured) w.insure(p, monthsOfInsurance(w, rng));
  return p;
}

/** The 18 months before the evaluation month (sometimes the current one too), with rare gaps outside R05's window. */
function monthsOfInsurance(w: World, rng: Rng): string[] {
  const months = w.monthsBefore(18).filter((m, i) => i >= 12 || !rng.chance(0.05));
  if (rng.chance(0.4)) months.push(w.asOfMonth);
  return months;
}

/**
 * Employer changes: none for most; one or two anywhere; three only spread ≥ 400 days apart (so no three
 * fall within 365 days, R06). The last is ≥ 45 days before the evaluation date so that the new employer
 * pays insurance inside R05's window. Each change moves a certificate valid that day.
 */
function planChanges(w: World, rng: Rng, p: Person, certs: CertificateRecord[], finalEmployer: Enterprise): void {
  const n = rng.weighted([[0, 86], [1, 10], [2, 3], [3, 1]] as const);
  if (n === 0) return;
  const registry = certs.filter((c) => c.source === '');
  const latest = w.A - 45;
  const days: number[] = [];
  if (n === 3) {
    let d = latest - rng.int(0, 60);
    for (let k = 0; k < 3; k++) {
      days.unshift(d);
      d -= rng.int(400, 470);
    }
  } else {
    const lo = Math.max(w.S0 - 300, dn(registry[0]!.issued) + 20);
    if (lo >= latest) return;
    for (let k = 0; k < n; k++) days.push(rng.int(lo, latest));
    days.sort((a, b) => a - b);
    if (days.length === 2 && days[1]! - days[0]! < 15) days.pop();
  }
  // Rebuild the history: earlier employers first, the final one from the last change.
  const chain: Enterprise[] = [];
  for (let k = 0; k < days.length; k++) chain.push(w.pickContractor(rng, rng.chance(0.7) ? finalEmployer.cityIdx : w.pickCityIdx(rng)));
  p.history = [];
  w.employ(p, chain[0]!);
  for (let k = 0; k < days.length; k++) {
    const day = days[k]!;
    const to = k === days.length - 1 ? finalEmployer : chain[k + 1]!;
    const cert = registry.find((c) => dn(c.issued) <= day && dn(c.expires) >= day);
    if (cert === undefined || to.uscc === p.history[p.history.length - 1]!.uscc) {
      // No certificate to move that day: the person changed jobs without a registry change.
      w.employ(p, to, day);
      continue;
    }
    w.change(p, cert, to, day);
  }
}

/**
 * Postings: consecutive stints on the employer's projects, each backed by one certificate valid for the
 * whole stint (and still 有效 when the stint is open), never overlapping, split at employer changes.
 */
function planPostings(w: World, rng: Rng, p: Person, certs: CertificateRecord[], kind: string): void {
  if (kind === 'A' && !rng.chance(0.3)) return;
  if (rng.chance(0.12)) return; // not on any project in the period
  const first = Math.min(...certs.map((c) => dn(c.issued)));
  let t = Math.max(w.S0, first + 5) + rng.int(0, 240);
  let rows = 0;
  while (t < w.A - 5 && rows < 3) {
    let e = t + rng.int(60, 560) - 1;
    // Split at the next employer change.
    const nextChange = p.history.find((h) => h.from > t && h.from <= e);
    if (nextChange !== undefined) e = nextChange.from - 1 - rng.int(0, 10);
    if (e < t + 14) {
      t = (nextChange?.from ?? t + 30) + rng.int(0, 20);
      continue;
    }
    let open = e >= w.A;
    let cert: CertificateRecord | undefined;
    if (open) {
      cert = pickCert(rng, certs.filter((c) => dn(c.issued) <= t && dn(c.expires) >= w.A + 30 && c.status === '有效'));
      if (cert === undefined) {
        e = w.A - rng.int(1, 20);
        open = false;
      }
    }
    if (!open) {
      cert = pickCert(rng, certs.filter((c) => dn(c.issued) <= t && dn(c.expires) >= e + 1));
      if (cert === undefined) {
        const partial = certs.filter((c) => dn(c.issued) <= t && dn(c.expires) >= t + 40);
        cert = pickCert(rng, partial);
        if (cert !== undefined) e = Math.min(e, dn(cert.expires) - rng.int(1, 15));
      }
    }
    if (cert === undefined || e < t) {
      t += 60;
      continue;
    }
    const employer = w.employerAt(p, t);
    if (employer.ent === null) break;
    const end = open ? (rng.chance(0.1) ? w.A + rng.int(0, 20) : null) : e;
    w.post(p, cert, employer.ent, w.projectIndexAt(employer.ent, t, rng), t, end);
    rows++;
    if (open) break;
    t = e + rng.int(10, 150);
  }
}

function pickCert(rng: Rng, certs: CertificateRecord[]): CertificateRecord | undefined {
  return certs.length === 0 ? undefined : rng.pick(certs);
}

