// A deterministic synthetic dataset for cross-checking the rules against the SQL peer and for timing
// at province scale. Not realistic in detail: value domains are kept narrow so that rule boundaries
// (adjacent days, exact thresholds, shared fingerprints) are hit often. Strings are pooled so that a
// million people do not cost a million copies of each date.

import { residentIdCheckChar } from '../domain/resident-id.js';
import type {
  CertificateRecord,
  ChangeRecord,
  Dataset,
  EnterpriseRecord,
  ExamRecord,
  SocialInsuranceRecord,
  StaffingRecord,
  TrainingRecord,
} from '../domain/records.js';
import { creditCodeCheckChar } from '../domain/credit-code.js';
import { dayFromNumber, dayNumber } from '../domain/dates.js';

export interface SyntheticOptions {
  seed?: number;
  /** People; rows scale with it (≈1 certificate, 1 staffing row, 7 insurance months, 5 sessions, 1 exam each). */
  people: number;
  asOf?: string;
  /** Days over which issue dates spread; small values crowd boundaries. */
  spreadDays?: number;
  /**
   * Row order: 'person' (as generated, a person's rows together) or 'registry' (primary-key order, as
   * registry/load-dataset reads them back from the database: training by class, exams by sitting…).
   */
  order?: 'person' | 'registry';
  /** Scales every planted anomaly's probability: 1 (default) crowds the rules, 0.05 is closer to real data. */
  anomalies?: number;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const CATS = ['A', 'B', 'B', 'C1', 'C2', 'C3', 'TZ', 'TZ', 'TZ'] as const;
const CERT_STATUS = ['有效', '有效', '有效', '有效', '有效', '有效', '有效', '有效', '有效', '暂扣', '吊销', '失效'];
const LICENCE_STATUS = ['有效', '有效', '有效', '有效', '有效', '有效', '有效', '暂扣', '吊销'];

export function syntheticDataset(options: SyntheticOptions): Dataset {
  const rand = rng(options.seed ?? 1);
  const int = (n: number) => Math.floor(rand() * n);
  const chance = (p: number) => rand() < p;
  const anomalies = options.anomalies ?? 1;
  const bad = (p: number) => rand() < p * anomalies;
  const asOfDay = dayNumber(options.asOf ?? '2024-12-31');
  const spread = options.spreadDays ?? 1500;
  const people = options.people;

  // Pools of shared strings.
  const dayCache = new Map<number, string>();
  const day = (n: number) => {
    let s = dayCache.get(n);
    if (s === undefined) dayCache.set(n, (s = flat(dayFromNumber(n))));
    return s;
  };
  const timeCache = new Map<number, string>();
  const at = (d: number, minuteOfDay: number) => {
    const key = d * 1440 + minuteOfDay;
    let s = timeCache.get(key);
    if (s === undefined) timeCache.set(key, (s = flat(`${day(d)} ${pad(Math.floor(minuteOfDay / 60), 2)}:${pad(minuteOfDay % 60, 2)}:00`)));
    return s;
  };
  const monthCache = new Map<number, string>();
  const month = (m: number) => {
    let s = monthCache.get(m);
    if (s === undefined) monthCache.set(m, (s = flat(`${Math.floor(m / 12)}-${pad((m % 12) + 1, 2)}`)));
    return s;
  };

  const enterpriseCount = Math.max(5, Math.ceil(people / 40));
  const enterprises: EnterpriseRecord[] = [];
  const usccs: string[] = [];
  for (let e = 0; e < enterpriseCount; e++) {
    const first17 = `915101${pad(e, 9)}${'AB'[e % 2]}${pad(e % 10, 1)}`.slice(0, 17);
    const uscc = first17 + (creditCodeCheckChar(first17) ?? '0');
    usccs.push(uscc);
    if (bad(0.02)) continue; // a contractor no registry knows
    const hasLicence = !bad(0.03);
    enterprises.push({
      uscc,
      name: `四川合成建设工程有限公司${e}`,
      region: '510100',
      license_no: hasLicence ? `(川)JZ安许证字[2023]${pad(e, 6)}` : null,
      license_expires: hasLicence ? day(bad(0.15) ? asOfDay - 200 + int(190) : asOfDay + 30 + int(1000)) : null,
      license_status: bad(0.2) ? LICENCE_STATUS[int(LICENCE_STATUS.length)]! : '有效',
    });
  }

  const ids: string[] = [];
  for (let p = 0; p < people; p++) {
    const birthDay = bad(0.1) ? asOfDay - 365 * 17 - int(365 * 47) : asOfDay - 365 * 24 - int(365 * 32);
    const birth = day(birthDay).replace(/-/g, '');
    const first17 = `510104${birth}${pad(p % 1000, 3)}`;
    let id = flat(first17 + residentIdCheckChar(first17)!);
    if (bad(0.003)) id = first17 + (id[17] === '0' ? '1' : '0'); // bad check character
    else if (bad(0.001)) id = `510104${birth.slice(0, 4)}13${birth.slice(6)}${pad(p % 1000, 3)}1`; // 13th month
    ids.push(id);
  }

  const certificates: CertificateRecord[] = [];
  const staffing: StaffingRecord[] = [];
  const social_insurance: SocialInsuranceRecord[] = [];
  const changes: ChangeRecord[] = [];
  const training: TrainingRecord[] = [];
  const exams: ExamRecord[] = [];
  const firstDay = asOfDay - spread;
  // About 25 candidates per sitting: one sitting per category and period, split when there are more.
  const examDays = spread + 200;
  const periodDays = Math.max(1, Math.ceil((25 * 6 * examDays) / people));
  const sittingsPerPeriod = Math.max(1, Math.round((people * periodDays) / examDays / 6 / 25));
  let certSeq = 0;
  let classSeq = 0;
  const projects = Math.max(3, Math.ceil(people / 8));
  const asOfMonth = Number(day(asOfDay).slice(0, 4)) * 12 + Number(day(asOfDay).slice(5, 7)) - 1;

  for (let p = 0; p < people; p++) {
    const id = ids[p]!;
    const name = `人员${p}`;
    const employer = usccs[int(usccs.length)]!;
    const category = CATS[int(CATS.length)]!;
    const issued = firstDay + int(spread);
    const certNo = flat(
      category === 'TZ' ? `川建(${pad(1 + int(11), 2)})${Math.floor(issued / 365) + 1970}${pad(certSeq++, 6)}` : `川建安${category}(${Math.floor(issued / 365) + 1970})${pad(certSeq++, 7)}`,
    );
    const external = category === 'TZ' && chance(0.05);
    const cert: CertificateRecord = {
      cert_no: external ? flat('T' + id) : certNo,
      source: external ? (chance(0.5) ? '应急管理厅' : '市场监管局') : '',
      category,
      operation: category === 'TZ' && !external ? pad(1 + int(11), 2) : null,
      name,
      id_no: id,
      employer_uscc: external ? null : employer,
      issuer: '四川省住房和城乡建设厅',
      issued: day(issued),
      expires: day(issued + (category === 'TZ' ? 730 : 1095) - (bad(0.05) ? 400 + int(300) : 0)),
      status: bad(0.25) ? CERT_STATUS[int(CERT_STATUS.length)]! : '有效',
    };
    certificates.push(cert);

    // Training before the issue date: one 8-学时 day per session, sometimes too few, padded or clashing.
    const needed = category === 'TZ' ? 4 : 6;
    const sessions = needed - (bad(0.04) ? 1 : 0) + (chance(0.1) ? 1 : 0);
    const cls = flat(`PX${pad(classSeq++, 8)}`);
    const trainStart = issued - 10 - int(360);
    for (let k = 0; k < sessions; k++) {
      const d = trainStart + k - (bad(0.01) ? 1 : 0);
      const start = 8 * 60 + int(3) * 30;
      const minutes = bad(0.005) ? 300 + int(60) : 480 + int(60);
      training.push({
        institution_uscc: usccs[p % usccs.length]!,
        class_no: bad(0.01) ? `PX${pad(int(classSeq + 1), 8)}` : cls,
        id_no: id,
        name,
        category: bad(0.005) ? 'JX' : category,
        start: at(d, start),
        end: at(d, Math.min(start + minutes, 1439)),
        hours: bad(0.01) ? 8.5 : 8,
      });
    }

    // An exam a few weeks before issue (sometimes too early, failed, or missing).
    if (!bad(0.03)) {
      const d = issued - 5 - (bad(0.15) ? int(200) : int(170));
      const period = Math.floor(d / periodDays);
      const sitting = flat(`KS${pad(period, 5)}${category}${int(sittingsPerPeriod)}`);
      const minutes = bad(0.04) ? 5 + int(8) : 40 + int(80);
      exams.push({
        institution_uscc: usccs[(p * 7) % usccs.length]!,
        site_no: `KD${pad(int(30), 2)}`,
        sitting_no: sitting,
        id_no: id,
        name,
        category,
        start: at(d, 540),
        submitted: at(d, 540 + minutes),
        score: 60 + int(41),
        passed: !bad(0.05),
        answers_hash: chance(0.3) ? null : bad(0.1) ? 'dup' + (period % 3) : `h${p}`,
      });
    }

    // Insurance: the last 7 months, mostly by the employer, sometimes elsewhere (挂证).
    const hung = bad(0.05);
    for (let m = asOfMonth - 7; m < asOfMonth; m++) {
      if (chance(0.1)) continue;
      social_insurance.push({ id_no: id, name, employer_uscc: hung ? usccs[(p + 1) % usccs.length]! : employer, month: month(m) });
    }

    // Changes: a few people change often.
    const nChanges = bad(0.03) ? 3 + int(2) : chance(0.2) ? 1 : 0;
    let cd = issued + int(200);
    for (let k = 0; k < nChanges; k++) {
      changes.push({ cert_no: cert.cert_no, id_no: id, from_uscc: employer, to_uscc: usccs[int(usccs.length)]!, date: day(cd) });
      cd += 60 + int(200);
    }

    // Staffing: one post, sometimes two (possibly clashing), sometimes a fake number or someone else's.
    const posts = 1 + (bad(0.1) ? 1 : 0);
    for (let k = 0; k < posts; k++) {
      const start = Math.max(issued, asOfDay - 700) + int(600);
      const open = chance(0.3);
      const presented = bad(0.005) ? `川建安B(2099)${pad(p, 7)}` : cert.cert_no;
      staffing.push({
        project_no: `XM${pad(int(projects), 7)}`,
        project_name: null,
        project_region: '510104',
        contractor_uscc: chance(0.8) ? employer : usccs[int(usccs.length)]!,
        role: category === 'TZ' ? '特种作业' : '项目负责人',
        name,
        id_no: bad(0.005) ? ids[int(people)]! : id,
        cert_no: presented,
        start: day(start),
        end: open ? null : day(start + int(120)),
      });
    }
  }
  const dataset: Dataset = { enterprises, certificates, staffing, social_insurance, changes, training, exams };
  if (options.order === 'registry') sortLikeRegistry(dataset);
  return dataset;
}

const byKeys =
  <T>(...keys: Array<keyof T>) =>
  (a: T, b: T): number => {
    for (const k of keys) {
      const x = String(a[k] ?? '');
      const y = String(b[k] ?? '');
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

/**
 * The primary-key order registry/load-dataset reads tables in, with the rows rebuilt in that order as the
 * loader builds them: objects allocated one after another, dates as fresh strings per row (the loader
 * shares only codes and IDs). Sorting alone would leave rows scattered over the heap, which is slower to
 * walk than what the real loader hands to screening.
 */
function sortLikeRegistry(d: Dataset): void {
  const dates = <T extends object>(rows: T[], keys: Array<keyof T>): T[] =>
    rows.map((r) => {
      const copy = { ...r };
      for (const k of keys) if (typeof copy[k] === 'string') (copy as Record<keyof T, unknown>)[k] = flat(copy[k] as string);
      return copy;
    });
  d.enterprises = dates(d.enterprises.sort(byKeys('uscc')), ['license_expires']);
  d.certificates = dates(d.certificates.sort(byKeys('cert_no', 'source')), ['issued', 'expires']);
  d.staffing = dates(d.staffing.sort(byKeys('project_no', 'id_no', 'cert_no', 'start')), ['start', 'end']);
  d.social_insurance = dates(d.social_insurance.sort(byKeys('id_no', 'employer_uscc', 'month')), []);
  d.changes = dates(d.changes.sort(byKeys('cert_no', 'date', 'to_uscc')), ['date']);
  d.training = dates(d.training.sort(byKeys('class_no', 'id_no', 'start')), ['start', 'end']);
  d.exams = dates(d.exams.sort(byKeys('sitting_no', 'id_no')), ['start', 'submitted']);
}

/**
 * A sequential copy of a built string, as a database driver hands it out (decoded from UTF-8, characters
 * inline). Template literals make cons strings and slicing makes sliced strings, whose characters live in
 * another object: reading them costs an extra memory access, which would distort timings at scale.
 */
function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}
