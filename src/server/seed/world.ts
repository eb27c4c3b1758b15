// The synthetic world the generator draws from: Sichuan's cities, contractors and institutions, the
// calendar relative to the evaluation date, and a person builder that writes consistent records
// (certificates with their training, exam, insurance and postings) for the baseline and the injections.

import { type CertCategory, SAN_LEI_CATEGORIES, VALIDITY_YEARS } from '../domain/certificates.js';
import { addMonths, dayFromNumber, dayNumber } from '../domain/dates.js';
import type {
  CertificateRecord,
  ChangeRecord,
  EnterpriseRecord,
  ExamRecord,
  KindName,
  SocialInsuranceRecord,
  StaffingRecord,
  TrainingRecord,
} from '../domain/records.js';
import { KIND_NAMES } from '../domain/records.js';
import { childrenOf, cities, shortName, type Region } from '../domain/regions.js';
import { daysInMonth } from '../domain/resident-id.js';
import { CertNoAllocator, CreditCodeAllocator, LicenceNoAllocator, ResidentIdAllocator } from './identifiers.js';
import { hash32, Rng } from './prng.js';
import { companyName, examInstitutionName, personName, projectName, trainingInstitutionName } from './vocab.js';

export interface KindRecordMap {
  enterprises: EnterpriseRecord;
  certificates: CertificateRecord;
  external_certificates: CertificateRecord;
  staffing: StaffingRecord;
  social_insurance: SocialInsuranceRecord;
  changes: ChangeRecord;
  training: TrainingRecord;
  exams: ExamRecord;
}
export type SeedRecord = KindRecordMap[KindName];
export type Sink = <K extends KindName>(kind: K, record: KindRecordMap[K]) => void | Promise<void>;

/** One (rule, subject) the generator planted, or planted so that it must not fire. */
export interface Finding {
  rule: string;
  subject: string;
  note: string;
}

// ---- calendar helpers on day numbers (days since 1970-01-01) ----

export const iso = dayFromNumber;
export const dn = dayNumber;
const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** The same calendar day n years later (29 Feb → 28 Feb). */
export function addYearsIso(day: string, n: number): string {
  const y = Number(day.slice(0, 4)) + n;
  const m = Number(day.slice(5, 7));
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(y, m));
  return `${y}-${pad2(m)}-${pad2(d)}`;
}
export const addYearsDn = (day: number, n: number): number => dn(addYearsIso(iso(day), n));

/** A wall-clock date-time `YYYY-MM-DD HH:MM:SS` from a day number and minutes after midnight. */
export function dateTime(day: number, minutes: number): string {
  const whole = Math.floor(minutes);
  const secs = Math.round((minutes - whole) * 60);
  return `${iso(day)} ${pad2(Math.floor(whole / 60))}:${pad2(whole % 60)}:${pad2(secs)}`;
}

export const mondayOnOrBefore = (day: number): number => day - ((((day + 3) % 7) + 7) % 7);
export const saturdayOnOrAfter = (day: number): number => day + ((7 - ((((day + 5) % 7) + 7) % 7)) % 7);

/** Birth date making someone exactly `age` on `day` (their birthday that day). */
export function birthForAgeOn(day: number, age: number): number {
  return dn(addYearsIso(iso(day), -age));
}

// ---- the world ----

export interface Enterprise {
  idx: number;
  uscc: string;
  name: string;
  region: string;
  cityIdx: number;
  /** Days between consecutive project starts (bigger firms start projects more often). */
  projectStep: number;
}

export interface City {
  idx: number;
  code: string;
  short: string;
  counties: readonly Region[];
  weight: number;
  contractors: Enterprise[];
  contractorWeights: number[];
  trainers: Enterprise[];
  examiner: Enterprise;
}

// Construction activity by city; only plausibility matters.
const CITY_WEIGHTS: Record<string, number> = {
  '510100': 30, '510300': 3, '510400': 2.5, '510500': 5, '510600': 5, '510700': 6, '510800': 2.5, '510900': 3.5,
  '511000': 3, '511100': 4, '511300': 5, '511400': 4, '511500': 5, '511600': 3, '511700': 4.5, '511800': 2,
  '511900': 2.5, '512000': 2.5, '513200': 1.2, '513300': 1.2, '513400': 4,
};

export const CATEGORY_CODE: Record<string, string> = { A: '1', B: '2', C1: '3', C2: '4', C3: '5', TZ: '6', JX: '7' };
export const TZ_OPERATIONS: readonly (readonly [string, number])[] = [
  ['01', 30], ['02', 20], ['03', 3], ['04', 12], ['05', 10], ['06', 8], ['07', 3], ['08', 5], ['09', 4], ['10', 2], ['11', 3],
];
export const ISSUER = '四川省住房和城乡建设厅';
export const EMERGENCY_SOURCE = '应急管理厅';
export const EMERGENCY_ISSUER = '四川省应急管理厅';

export interface Session {
  start: string;
  end: string;
  hours: number;
}
export interface TrainingClass {
  classNo: string;
  institution: string;
  category: string;
  sessions: Session[];
}
export interface Sitting {
  sittingNo: string;
  siteNo: string;
  institution: string;
  day: number;
  /** Minutes after midnight. */
  startMinutes: number;
}

export interface Person {
  id: string;
  name: string;
  male: boolean;
  birth: number;
  homeCityIdx: number;
  /** Employers in order; the first from the beginning of time, each next from its change day. */
  history: Array<{ uscc: string; ent: Enterprise | null; from: number }>;
  certs: CertificateRecord[];
  staffing: StaffingRecord[];
  insurance: SocialInsuranceRecord[];
  changes: ChangeRecord[];
  training: TrainingRecord[];
  exams: ExamRecord[];
  /** Days with a training session, so that classes never collide (R08). */
  busy: Set<number>;
}

const ROLE_BY_CATEGORY: Record<string, string> = {
  A: '主要负责人', B: '项目负责人', C1: '专职安全员', C2: '专职安全员', C3: '专职安全员', TZ: '特种作业',
};
export const roleOf = (category: string): string => ROLE_BY_CATEGORY[category] ?? '特种作业';

export class World {
  readonly A: number;
  readonly asOf: string;
  readonly asOfMonth: string;
  /** Training sessions and exam sittings never start before this day; certificates issued in [T0, T0 + 200) do not exist. */
  readonly T0: number;
  /** Staffing records start on or after this day. */
  readonly S0: number;
  readonly ids = new ResidentIdAllocator();
  readonly codes = new CreditCodeAllocator();
  readonly certNos = new CertNoAllocator();
  readonly licences: LicenceNoAllocator;
  readonly cities: City[] = [];
  readonly counts = Object.fromEntries(KIND_NAMES.map((k) => [k, 0])) as Record<KindName, number>;
  private readonly names = new Set<string>();
  private enterpriseCount = 0;

  constructor(
    readonly seed: number,
    asOf: string,
    private readonly sink: Sink,
  ) {
    this.asOf = asOf;
    this.A = dn(asOf);
    this.asOfMonth = asOf.slice(0, 7);
    this.T0 = this.A - 1500;
    this.S0 = this.A - 1095;
    this.licences = new LicenceNoAllocator(new Rng(seed, 'licences'));
  }

  /** Streams one record; awaits the sink only when it returns a promise. */
  emit<K extends KindName>(kind: K, record: KindRecordMap[K]): void | Promise<void> {
    this.counts[kind] += 1;
    return this.sink(kind, record);
  }

  // ---- enterprises ----

  uniqueCompanyName(rng: Rng, make: () => string): string {
    for (let i = 0; ; i++) {
      const n = make();
      const name = i < 20 ? n : n.replace('有限', `${rng.int(2, 99)}有限`);
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  newEnterprise(rng: Rng, cityIdx: number, kind: 'contractor' | 'trainer' | 'examiner', n = 0): Enterprise {
    const city = this.cities[cityIdx]!;
    const county = rng.chance(0.35) ? city.code : rng.pick(city.counties).code;
    const codeKind = kind === 'contractor' ? 'enterprise' : kind === 'trainer' ? 'social_org' : 'public_institution';
    const uscc = this.codes.allocate(rng, county, codeKind);
    const name =
      kind === 'contractor'
        ? this.uniqueCompanyName(rng, () => companyName(rng, city.short))
        : kind === 'trainer'
          ? this.uniqueCompanyName(rng, () => trainingInstitutionName(rng, city.short, n))
          : examInstitutionName(city.short);
    const steps = [30, 45, 60, 90, 120, 180, 240];
    return { idx: this.enterpriseCount++, uscc, name, region: county, cityIdx, projectStep: rng.pick(steps) };
  }

  /** A licence valid well past the evaluation date (issued within the last ~3 years). */
  validLicence(rng: Rng): Pick<EnterpriseRecord, 'license_no' | 'license_expires' | 'license_status'> {
    const issued = this.A - rng.int(90, 1000);
    return {
      license_no: this.licences.allocate(Number(iso(issued).slice(0, 4))),
      license_expires: addYearsIso(iso(issued), 3),
      license_status: '有效',
    };
  }

  enterpriseRecord(
    e: Enterprise,
    licence: Pick<EnterpriseRecord, 'license_no' | 'license_expires' | 'license_status'> | null,
  ): EnterpriseRecord {
    return {
      uscc: e.uscc,
      name: e.name,
      region: e.region,
      license_no: licence?.license_no ?? null,
      license_expires: licence?.license_expires ?? null,
      license_status: licence?.license_status ?? null,
    };
  }

  /** Cities, contractors (valid licences), training and exam institutions; enterprises that must stay out of staffing. */
  async buildEnterprises(rng: Rng, contractorCount: number): Promise<void> {
    const cityRegions = cities();
    cityRegions.forEach((c, idx) => {
      this.cities.push({
        idx,
        code: c.code,
        short: shortName(c.code)!,
        counties: childrenOf(c.code),
        weight: CITY_WEIGHTS[c.code] ?? 1,
        contractors: [],
        contractorWeights: [],
        trainers: [],
        examiner: null as unknown as Enterprise,
      });
    });
    const totalWeight = this.cities.reduce((s, c) => s + c.weight, 0);
    for (const city of this.cities) {
      const n = Math.max(2, Math.round((contractorCount * city.weight) / totalWeight));
      for (let i = 0; i < n; i++) {
        const e = this.newEnterprise(rng, city.idx, 'contractor');
        city.contractors.push(e);
        // A few big firms employ many; most are small.
        city.contractorWeights.push(rng.chance(0.1) ? rng.int(8, 20) : rng.int(1, 4));
        await this.emit('enterprises', this.enterpriseRecord(e, this.validLicence(rng)));
      }
      const trainers = city.weight >= 4 ? 2 : 1;
      for (let i = 0; i < trainers; i++) {
        const t = this.newEnterprise(rng, city.idx, 'trainer', i);
        city.trainers.push(t);
        await this.emit('enterprises', this.enterpriseRecord(t, null));
      }
      city.examiner = this.newEnterprise(rng, city.idx, 'examiner');
      await this.emit('enterprises', this.enterpriseRecord(city.examiner, null));
      // Firms that employ nobody here: lapsed, revoked, cancelled or suspended licences, or none at all.
      const idle = Math.max(1, Math.round(n * 0.06));
      for (let i = 0; i < idle; i++) {
        const e = this.newEnterprise(rng, city.idx, 'contractor');
        const kind = rng.pick(['失效', '吊销', '注销', '暂扣', 'none'] as const);
        if (kind === 'none') {
          await this.emit('enterprises', this.enterpriseRecord(e, null));
          continue;
        }
        const issued = kind === '失效' ? this.A - rng.int(1100, 1800) : this.A - rng.int(200, 1000);
        await this.emit(
          'enterprises',
          this.enterpriseRecord(e, {
            license_no: this.licences.allocate(Number(iso(issued).slice(0, 4))),
            license_expires: addYearsIso(iso(issued), 3),
            license_status: kind,
          }),
        );
      }
    }
  }

  pickContractor(rng: Rng, cityIdx: number): Enterprise {
    const city = this.cities[cityIdx]!;
    return city.contractors[rng.weightedIndex(city.contractorWeights)]!;
  }

  pickCityIdx(rng: Rng): number {
    return rng.weightedIndex(this.cities.map((c) => c.weight));
  }

  // ---- projects (pure functions of the contractor and an index: no state) ----

  projectIndexAt(ent: Enterprise, day: number, rng: Rng): number {
    const base = Math.floor((day - (this.S0 - 400)) / ent.projectStep);
    return Math.max(0, base - rng.int(0, 2));
  }

  project(ent: Enterprise, j: number): { project_no: string; project_name: string; project_region: string } {
    const r = new Rng(hash32(ent.uscc) ^ j, 'project');
    const city = this.cities[ent.cityIdx]!;
    const elsewhere = r.chance(0.12);
    const c = elsewhere ? this.cities[r.weightedIndex(this.cities.map((x) => x.weight))]! : city;
    const county = r.pick(c.counties);
    return {
      project_no: `XM${city.code.slice(0, 4)}${String(ent.idx).padStart(5, '0')}${String(j).padStart(3, '0')}`,
      project_name: projectName(r, county.name),
      project_region: county.code,
    };
  }

  // ---- people ----

  newPerson(rng: Rng, opts: { cityIdx?: number; birth?: number; age?: [number, number]; male?: boolean; county?: string } = {}): Person {
    const homeCityIdx = opts.cityIdx ?? this.pickCityIdx(rng);
    const city = this.cities[homeCityIdx]!;
    const male = opts.male ?? rng.chance(0.82);
    const [lo, hi] = opts.age ?? [25, 55];
    const birth = opts.birth ?? this.A - rng.int(lo * 365 + 1, hi * 365 + 300);
    const county = opts.county ?? rng.pick(city.counties).code;
    const id = this.ids.allocate(county, iso(birth), male);
    return {
      id,
      name: personName(rng, city.code, male),
      male,
      birth,
      homeCityIdx,
      history: [],
      certs: [],
      staffing: [],
      insurance: [],
      changes: [],
      training: [],
      exams: [],
      busy: new Set(),
    };
  }

  employ(p: Person, ent: Enterprise | string, from = -Infinity): void {
    const uscc = typeof ent === 'string' ? ent : ent.uscc;
    p.history.push({ uscc, ent: typeof ent === 'string' ? null : ent, from });
  }

  employerAt(p: Person, day: number): { uscc: string; ent: Enterprise | null } {
    let cur = p.history[0]!;
    for (const h of p.history) if (h.from <= day) cur = h;
    return cur;
  }

  employerInMonth(p: Person, month: string): string {
    let cur = p.history[0]!.uscc;
    for (const h of p.history) if (h.from === -Infinity || iso(h.from).slice(0, 7) <= month) cur = h.uscc;
    return cur;
  }

  get finalEmployer(): (p: Person) => string {
    return (p) => p.history[p.history.length - 1]!.uscc;
  }

  /** True when certificates issued that day must come with training and an exam (R07, R10). */
  isModern(day: number): boolean {
    return day >= this.T0;
  }

  /** Moves an issue date out of [T0, T0 + 200), where its training would have to start before T0. */
  avoidEraEdge(day: number, rng: Rng): number {
    return day >= this.T0 && day < this.T0 + 200 ? this.T0 - rng.int(1, 60) : day;
  }

  /** A registry certificate; modern ones get a standard class and a passing exam unless `prepare` is false. */
  issueCert(
    rng: Rng,
    p: Person,
    category: CertCategory,
    issued: number,
    opts: { status?: string; operation?: string; expires?: number; prepare?: boolean; employer?: string } = {},
  ): CertificateRecord {
    const year = Number(iso(issued).slice(0, 4));
    const operation = category === 'TZ' ? (opts.operation ?? rng.weighted(TZ_OPERATIONS)) : null;
    const cert: CertificateRecord = {
      cert_no: category === 'TZ' ? this.certNos.tz(operation!, year) : this.certNos.sanLei(category, year),
      source: '',
      category,
      operation,
      name: p.name,
      id_no: p.id,
      employer_uscc: opts.employer ?? null, // filled with the final employer at emission unless given
      issuer: ISSUER,
      issued: iso(issued),
      expires: iso(opts.expires ?? addYearsDn(issued, VALIDITY_YEARS[category])),
      status: opts.status ?? '有效',
    };
    p.certs.push(cert);
    if ((opts.prepare ?? true) && this.isModern(issued)) this.prepareFor(rng, p, cert);
    return cert;
  }

  /** The 应急管理部 special-operation certificate (T + ID number), 6 years. */
  issueEmergencyCert(p: Person, issued: number, status = '有效'): CertificateRecord {
    const cert: CertificateRecord = {
      cert_no: 'T' + p.id,
      source: EMERGENCY_SOURCE,
      category: 'TZ',
      operation: null,
      name: p.name,
      id_no: p.id,
      employer_uscc: null,
      issuer: EMERGENCY_ISSUER,
      issued: iso(issued),
      expires: addYearsIso(iso(issued), 6),
      status,
    };
    p.certs.push(cert);
    return cert;
  }

  // ---- training ----

  trainingInstitution(cityIdx: number, key: string): Enterprise {
    const city = this.cities[cityIdx]!;
    return city.trainers[hash32(key) % city.trainers.length]!;
  }

  /**
   * The baseline class of a city and category starting on a Monday: every participant has the same
   * sessions. 三类人员 7 days, TZ 5, JX 2, 8 学时 a day, as one full-day row or two half-day rows.
   */
  standardClass(cityIdx: number, category: string, startDay: number): TrainingClass {
    const key = `${cityIdx}|${category}|${startDay}`;
    const halfDays = hash32(key) % 100 < 15;
    const days = category === 'TZ' ? 5 : category === 'JX' ? 2 : 7;
    const d = iso(startDay);
    const classNo = `PX${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${pad2(cityIdx)}${CATEGORY_CODE[category]}${halfDays ? 1 : 0}`;
    const sessions: Session[] = [];
    for (let i = 0; i < days; i++) {
      const day = startDay + i;
      if (halfDays) {
        sessions.push({ start: dateTime(day, 9 * 60), end: dateTime(day, 12 * 60), hours: 4 });
        sessions.push({ start: dateTime(day, 14 * 60), end: dateTime(day, 17 * 60 + 30), hours: 4 });
      } else {
        sessions.push({ start: dateTime(day, 9 * 60), end: dateTime(day, 17 * 60), hours: 8 });
      }
    }
    return { classNo, institution: this.trainingInstitution(cityIdx, key).uscc, category, sessions };
  }

  classDays(c: TrainingClass): number[] {
    return [...new Set(c.sessions.map((s) => dn(s.start.slice(0, 10))))];
  }

  isFree(p: Person, c: TrainingClass): boolean {
    return this.classDays(c).every((d) => !p.busy.has(d));
  }

  attend(p: Person, c: TrainingClass, hoursOverride?: (s: Session, i: number) => number): void {
    c.sessions.forEach((s, i) => {
      p.training.push({
        institution_uscc: c.institution,
        class_no: c.classNo,
        id_no: p.id,
        name: p.name,
        category: c.category,
        start: s.start,
        end: s.end,
        hours: hoursOverride ? hoursOverride(s, i) : s.hours,
      });
    });
    for (const d of this.classDays(c)) p.busy.add(d);
  }

  /** A free baseline class starting `lead` days (or more) before `day`, never before T0. */
  findClass(rng: Rng, p: Person, cityIdx: number, category: string, day: number, lead: number): TrainingClass | null {
    // Earlier weeks first, then later ones (down to 3 weeks before the day) when the person is busy.
    for (let attempt = 0; attempt < 24; attempt++) {
      const weeks = attempt < 12 ? attempt : 11 - attempt;
      const start = mondayOnOrBefore(day - lead - weeks * 7);
      if (start <= this.T0 || (lead > 0 && start > day - 21)) continue;
      const c = this.standardClass(cityIdx, category, start);
      if (this.isFree(p, c)) return c;
    }
    return null;
  }

  // ---- exams ----

  standardSitting(cityIdx: number, category: string, day: number): Sitting {
    const d = iso(day).replaceAll('-', '');
    const examiner = this.cities[cityIdx]!.examiner;
    return {
      sittingNo: `KS${d}${pad2(cityIdx)}${CATEGORY_CODE[category]}`,
      siteNo: `KD${this.cities[cityIdx]!.code.slice(0, 4)}${(hash32(d + category) % 6) + 1}`,
      institution: examiner.uscc,
      day,
      startMinutes: category === 'TZ' ? 14 * 60 : 9 * 60,
    };
  }

  sit(
    rng: Rng,
    p: Person,
    s: Sitting,
    category: string,
    opts: { passed: boolean; minutes?: number; hash?: string | null; score?: number },
  ): ExamRecord {
    const minutes = opts.minutes ?? rng.int(35, 110) + rng.int(0, 59) / 60;
    const score = opts.score ?? (opts.passed ? rng.int(60, 98) : rng.int(22, 59));
    const exam: ExamRecord = {
      institution_uscc: s.institution,
      site_no: s.siteNo,
      sitting_no: s.sittingNo,
      id_no: p.id,
      name: p.name,
      category,
      start: dateTime(s.day, s.startMinutes),
      submitted: dateTime(s.day, s.startMinutes + minutes),
      score,
      passed: opts.passed,
      answers_hash: opts.hash === undefined ? (rng.chance(0.06) ? null : rng.hex(16)) : opts.hash,
    };
    p.exams.push(exam);
    return exam;
  }

  /**
   * The standard preparation for a modern certificate: a free class 30-150 days before the issue date
   * (enough 学时, inside the 365-day window) and a passing exam 2-170 days before it, sometimes after a
   * failed first attempt.
   */
  prepareFor(rng: Rng, p: Person, cert: CertificateRecord, opts: { exam?: boolean; training?: boolean } = {}): void {
    const issued = dn(cert.issued);
    const cityIdx = this.workCityIdx(p);
    let classEnd = issued - 25;
    if (opts.training ?? true) {
      const c = this.findClass(rng, p, cityIdx, cert.category, issued, rng.int(30, 150));
      if (c === null) throw new Error(`no free class before ${cert.issued} for ${p.id}`);
      this.attend(p, c);
      classEnd = dn(c.sessions[c.sessions.length - 1]!.start.slice(0, 10));
    }
    if (!(opts.exam ?? true)) return;
    let examDay = saturdayOnOrAfter(classEnd + rng.int(3, 25));
    if (examDay > issued - 2 || examDay < issued - 170) examDay = rng.int(Math.max(classEnd + 1, issued - 120), issued - 2);
    const sitting = this.standardSitting(cityIdx, cert.category, examDay);
    if (rng.chance(0.25) && examDay - 14 > classEnd) {
      this.sit(rng, p, this.standardSitting(cityIdx, cert.category, examDay - 14), cert.category, { passed: false });
    }
    this.sit(rng, p, sitting, cert.category, { passed: true });
  }

  workCityIdx(p: Person): number {
    const ent = p.history[p.history.length - 1]?.ent;
    return ent ? ent.cityIdx : p.homeCityIdx;
  }

  // ---- postings and insurance ----

  post(
    p: Person,
    cert: CertificateRecord,
    ent: Enterprise | string,
    j: number | { project_no: string; project_name: string; project_region: string },
    start: number,
    end: number | null,
    opts: { idNo?: string; name?: string; certNo?: string; role?: string } = {},
  ): StaffingRecord {
    const uscc = typeof ent === 'string' ? ent : ent.uscc;
    const project =
      typeof j === 'number'
        ? typeof ent === 'string'
          ? { project_no: `XM${uscc.slice(2, 6)}9${String(j).padStart(7, '0')}`, project_name: '项目', project_region: uscc.slice(2, 8) }
          : this.project(ent, j)
        : j;
    const row: StaffingRecord = {
      ...project,
      contractor_uscc: uscc,
      role: opts.role ?? roleOf(cert.category),
      name: opts.name ?? p.name,
      id_no: opts.idNo ?? p.id,
      cert_no: opts.certNo ?? cert.cert_no,
      start: iso(start),
      end: end === null ? null : iso(end),
    };
    p.staffing.push(row);
    return row;
  }

  insure(p: Person, months: readonly string[], uscc?: string): void {
    for (const month of months) {
      p.insurance.push({ id_no: p.id, name: p.name, employer_uscc: uscc ?? this.employerInMonth(p, month), month });
    }
  }

  /** The n months before the evaluation month, oldest first (R05 looks at the last 6). */
  monthsBefore(n: number, skip = 0): string[] {
    const out: string[] = [];
    for (let k = n + skip; k > skip; k--) out.push(addMonths(this.asOfMonth, -k));
    return out;
  }

  change(p: Person, cert: CertificateRecord, to: Enterprise | string, day: number): void {
    const from = p.history[p.history.length - 1]!.uscc;
    this.employ(p, to, day);
    p.changes.push({ cert_no: cert.cert_no, id_no: p.id, from_uscc: from, to_uscc: typeof to === 'string' ? to : to.uscc, date: iso(day) });
  }

  async emitPerson(p: Person): Promise<void> {
    const employer = p.history.length > 0 ? p.history[p.history.length - 1]!.uscc : null;
    let r: void | Promise<void>;
    for (const c of p.certs) {
      if (c.source === '') {
        if (c.employer_uscc === null) c.employer_uscc = employer;
        if ((r = this.emit('certificates', c))) await r;
      } else if ((r = this.emit('external_certificates', c))) await r;
    }
    for (const x of p.changes) if ((r = this.emit('changes', x))) await r;
    for (const x of p.training) if ((r = this.emit('training', x))) await r;
    for (const x of p.exams) if ((r = this.emit('exams', x))) await r;
    for (const x of p.staffing) if ((r = this.emit('staffing', x))) await r;
    for (const x of p.insurance) if ((r = this.emit('social_insurance', x))) await r;
  }
}

export const isSanLeiCategory = (c: string): boolean => (SAN_LEI_CATEGORIES as readonly string[]).includes(c);
