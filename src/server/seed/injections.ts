// Planted problems for each of the 14 rules (several each, in different cities) and near-misses that sit
// exactly on the other side of each threshold. Every planted person is otherwise clean, so the hits the
// contract's rules give on the generated data are exactly the `injected` list.

import type { CertCategory } from '../domain/certificates.js';
import type { CertificateRecord } from '../domain/records.js';
import { ageOn } from '../domain/resident-id.js';
import { withImpossibleBirthDate, withWrongCheckChar } from './identifiers.js';
import type { Rng } from './prng.js';
import {
  addYearsDn,
  birthForAgeOn,
  CATEGORY_CODE,
  dateTime,
  dn,
  type Enterprise,
  type Finding,
  iso,
  type Person,
  type Session,
  type Sitting,
  type TrainingClass,
  type World,
} from './world.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

class Planter {
  readonly injected: Finding[] = [];
  readonly nearMisses: Finding[] = [];
  private cityCursor: number;
  private classCounter = 200;
  private sittingCounter = 10;

  constructor(
    readonly w: World,
    readonly rng: Rng,
  ) {
    this.cityCursor = rng.int(0, 20);
  }

  /** Cities in rotation, so that each rule's problems land in different places. */
  city(): number {
    this.cityCursor = (this.cityCursor + 1) % this.w.cities.length;
    return this.cityCursor;
  }

  hit(rule: string, subject: string, note: string): void {
    this.injected.push({ rule, subject, note });
  }

  miss(rule: string, subject: string, note: string): void {
    this.nearMisses.push({ rule, subject, note });
  }

  /** A clean person with one certificate (training, exam, 12 months of insurance by the employer). */
  person(
    cityIdx: number,
    category: CertCategory | null,
    opts: {
      issued?: number;
      status?: string;
      birth?: number;
      age?: [number, number];
      employer?: Enterprise | string;
      prepare?: boolean;
      insured?: boolean;
      expires?: number;
    } = {},
  ): { p: Person; cert: CertificateRecord; ent: Enterprise | null } {
    const { w, rng } = this;
    const ent = opts.employer ?? w.pickContractor(rng, cityIdx);
    const age: [number, number] = opts.age ?? (category === 'TZ' ? [25, 50] : [28, 55]);
    const p = w.newPerson(rng, { cityIdx, birth: opts.birth, age });
    w.employ(p, ent);
    const issued = opts.issued ?? w.A - rng.int(200, 600);
    const cert =
      category === null
        ? (null as unknown as CertificateRecord)
        : w.issueCert(rng, p, category, issued, { status: opts.status, prepare: opts.prepare, expires: opts.expires });
    if (opts.insured ?? true) w.insure(p, w.monthsBefore(12));
    return { p, cert, ent: typeof ent === 'string' ? null : ent };
  }

  contractor(cityIdx: number): Enterprise {
    return this.w.pickContractor(this.rng, cityIdx);
  }

  /** A dedicated class (its own number) with the given sessions. */
  customClass(cityIdx: number, category: string, sessions: Session[]): TrainingClass {
    const d = sessions[0]!.start.slice(0, 10);
    const classNo = `PX${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${pad(cityIdx, 2)}${CATEGORY_CODE[category]}${this.classCounter++}`;
    return { classNo, institution: this.w.trainingInstitution(cityIdx, classNo).uscc, category, sessions };
  }

  /** Full days of `hours` 学时, 09:00 to 17:00. */
  days(startDay: number, n: number, hours = 8, from = 9 * 60, to = 17 * 60): Session[] {
    const out: Session[] = [];
    for (let i = 0; i < n; i++) out.push({ start: dateTime(startDay + i, from), end: dateTime(startDay + i, to), hours });
    return out;
  }

  customSitting(cityIdx: number, category: string, day: number): Sitting {
    const s = this.w.standardSitting(cityIdx, category, day);
    return { ...s, sittingNo: `${s.sittingNo}${this.sittingCounter++}` };
  }

  /** A certificate whose preparation is given by the caller (prepare=false, no exam and no class). */
  bare(cityIdx: number, category: CertCategory, issued: number, opts: { age?: [number, number]; birth?: number } = {}) {
    return this.person(cityIdx, category, { issued, prepare: false, ...opts });
  }

  /** A passing exam for `cert` in a fresh standard sitting `daysBefore` days before its issue. */
  exam(p: Person, cert: CertificateRecord, daysBefore: number, category = cert.category): void {
    const s = this.w.standardSitting(this.w.workCityIdx(p), category, dn(cert.issued) - daysBefore);
    this.w.sit(this.rng, p, { ...s, sittingNo: `${s.sittingNo}${this.sittingCounter++}` }, category, { passed: true });
  }

  async emit(...people: Person[]): Promise<void> {
    for (const p of people) await this.w.emitPerson(p);
  }
}

const fakeCert = (no: string, category: string): CertificateRecord => ({
  cert_no: no, source: '', category, operation: null, name: '', id_no: '', employer_uscc: null, issuer: null,
  issued: '', expires: '', status: '有效',
});

export async function plantAll(w: World, rng: Rng): Promise<{ injected: Finding[]; nearMisses: Finding[] }> {
  const t = new Planter(w, rng);
  for (const plant of [r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14]) await plant(t);
  return { injected: t.injected, nearMisses: t.nearMisses };
}

// R01 证书编号不存在: numbers no registry knows, presented on a project.
async function r01(t: Planter): Promise<void> {
  const { w, rng } = t;
  const year = Number(w.asOf.slice(0, 4)) - 2;
  const cases: Array<[string, string, string]> = [
    [w.certNos.fakeSanLei('C2', year), 'C2', '专职安全员持伪造的三类人员证书编号'],
    [w.certNos.fakeTz('05', year + 1), 'TZ', '塔吊司机持伪造的特种作业证书编号'],
    ['', 'TZ', '以本人身份证号冒充应急管理部门特种作业证编号（T+身份证号），部门共享库无此证'],
    [w.certNos.fakeSanLei('B', year - 1), 'B', '项目负责人持伪造的B证编号'],
  ];
  for (const [no, category, note] of cases) {
    const city = t.city();
    const { p } = t.person(city, null, { insured: rng.chance(0.5) });
    const certNo = no === '' ? 'T' + p.id : no;
    const ent = t.contractor(city);
    const start = w.A - rng.int(30, 200);
    w.post(p, fakeCert(certNo, category), ent, w.projectIndexAt(ent, start, rng), start, rng.chance(0.5) ? null : start + 20);
    t.hit('R01', certNo, note);
    await t.emit(p);
  }
  // Near-miss: a number only the 应急管理厅 registry knows.
  const city = t.city();
  const { p } = t.person(city, null);
  const cert = w.issueEmergencyCert(p, w.A - 700);
  const ent = p.history[0]!.ent!;
  w.post(p, cert, ent, w.projectIndexAt(ent, w.A - 100, rng), w.A - 100, null);
  t.miss('R01', cert.cert_no, '编号只在部门共享证书（应急管理厅）中存在');
  await t.emit(p);
}

// R02 人证不符: a real number presented by someone who is not its holder.
async function r02(t: Planter): Promise<void> {
  const { w, rng } = t;
  const variants: Array<[CertCategory, 'other' | 'near' | 'badcheck', string]> = [
    ['B', 'other', '他人持本B证担任项目负责人（借证）'],
    ['TZ', 'other', '他人持本特种作业证上岗'],
    ['C3', 'near', '在岗人员身份证号与持证人不同（同名，出生日期相同）'],
    ['C2', 'badcheck', '在岗人员身份证号为持证人号码改动校验位（同时触发 R13）'],
  ];
  for (const [category, kind, note] of variants) {
    const city = t.city();
    const holder = t.person(city, category);
    const borrower = t.person(city, null, { insured: false });
    const ent = t.contractor(city);
    const start = w.A - rng.int(40, 250);
    const idNo =
      kind === 'other'
        ? borrower.p.id
        : kind === 'near'
          ? w.ids.allocate(holder.p.id.slice(0, 6), iso(holder.p.birth), holder.p.male)
          : withWrongCheckChar(holder.p.id);
    const name = kind === 'other' ? borrower.p.name : holder.p.name;
    w.post(borrower.p, holder.cert, ent, w.projectIndexAt(ent, start, rng), start, null, { idNo, name });
    t.hit('R02', holder.cert.cert_no, note);
    if (kind === 'badcheck') t.hit('R13', idNo, '在岗记录中的身份证号校验位错误');
    await t.emit(holder.p, borrower.p);
  }
  // Near-miss: the name is written differently, the ID number is the holder's.
  const city = t.city();
  const { p, cert, ent } = t.person(city, 'B');
  const start = w.A - 120;
  w.post(p, cert, ent!, w.projectIndexAt(ent!, start, rng), start, null, { name: p.name.slice(0, 1) + '某' + p.name.slice(-1) });
  t.miss('R02', cert.cert_no, '姓名写法不同，但身份证号与持证人一致');
  await t.emit(p);
}

// R03 失效证书在岗.
async function r03(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'C3', { issued: addYearsDn(A - 40, -3) });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, A - 300, rng), A - 300, null);
    t.hit('R03', cert.cert_no, '证书已过有效期（状态仍为有效），人员仍在岗');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'B', { status: '暂扣' });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, A - 200, rng), A - 200, null);
    t.hit('R03', cert.cert_no, '证书暂扣期间仍在岗');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'C2', { issued: addYearsDn(A - 100, -3) });
    const expires = dn(cert.expires);
    w.post(p, cert, ent!, w.projectIndexAt(ent!, expires - 300, rng), expires - 300, expires + 12);
    t.hit('R03', cert.cert_no, '离场日期晚于证书有效期 12 天');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'TZ', { status: '吊销', issued: A - 400 });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, A - 150, rng), A - 150, null);
    t.hit('R03', cert.cert_no, '特种作业证已吊销，人员仍在岗');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'C1', { status: '撤销' });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, A - 90, rng), A - 90, A + 15);
    t.hit('R03', cert.cert_no, '证书已撤销，离场日期在评估日之后（仍在岗）');
    await t.emit(p);
  }
  // Near-misses.
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'C3', { issued: addYearsDn(A - 60, -3) });
    const expires = dn(cert.expires);
    w.post(p, cert, ent!, w.projectIndexAt(ent!, expires - 200, rng), expires - 200, expires);
    t.miss('R03', cert.cert_no, '离场日期恰为证书有效期最后一天');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'B', { issued: addYearsDn(A, -3), expires: A });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, A - 150, rng), A - 150, null);
    t.miss('R03', cert.cert_no, '证书恰在评估日到期，人员在岗');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'C2', { status: '注销', issued: A - 700 });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, A - 400, rng), A - 400, A - 60);
    t.miss('R03', cert.cert_no, '证书现已注销，但在岗记录在此之前已结束且未超过有效期');
    await t.emit(p);
  }
}

// R04 一证多岗.
async function r04(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  const cases: Array<[CertCategory | 'EXT', [number, number | null], [number, number | null], string]> = [
    ['C3', [A - 300, A - 150], [A - 180, A - 60], '同一C3证同时在两个项目任专职安全员（重叠 31 天）'],
    ['B', [A - 400, null], [A - 20, null], '项目负责人同时在两个在建项目'],
    ['TZ', [A - 200, A - 100], [A - 100, A - 30], '同一特种作业证在两个项目重叠一天（离场当天进另一项目）'],
    ['EXT', [A - 250, null], [A - 90, A - 40], '应急管理厅特种作业证同时用于两个项目'],
  ];
  for (const [category, a, b, note] of cases) {
    const city = t.city();
    const { p, cert: registryCert, ent } = t.person(city, category === 'EXT' ? null : category);
    const cert = category === 'EXT' ? w.issueEmergencyCert(p, A - 800) : registryCert;
    const other = t.contractor(t.city());
    w.post(p, cert, ent!, w.projectIndexAt(ent!, a[0], rng), a[0], a[1]);
    w.post(p, cert, other, w.projectIndexAt(other, b[0], rng) + 1000, b[0], b[1]);
    t.hit('R04', cert.cert_no, note);
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'C3');
    const other = t.contractor(t.city());
    w.post(p, cert, ent!, w.projectIndexAt(ent!, A - 200, rng), A - 200, A - 101);
    w.post(p, cert, other, w.projectIndexAt(other, A - 100, rng) + 1000, A - 100, null);
    t.miss('R04', cert.cert_no, '离开上一项目次日进入下一项目（相邻不重叠）');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert, ent } = t.person(city, 'TZ');
    const j = w.projectIndexAt(ent!, A - 200, rng);
    w.post(p, cert, ent!, j, A - 200, A - 80);
    w.post(p, cert, ent!, j, A - 120, null);
    t.miss('R04', cert.cert_no, '同一项目登记两次、时间重叠（不是两个项目）');
    await t.emit(p);
  }
}

// R05 人社分离 (挂证).
async function r05(t: Planter): Promise<void> {
  const { w } = t;
  const window = w.monthsBefore(6);
  const cases: Array<[CertCategory, string]> = [
    ['B', '近 6 个月社保均由其他单位缴纳'],
    ['C3', '近 6 个月中恰有 3 个月由其他单位缴纳，聘用单位未缴'],
    ['A', '近 6 个月社保由另外两家单位缴纳（2+1 个月）'],
    ['C1', '聘用单位只在评估当月及半年前缴纳，近 6 个月由其他单位缴纳'],
  ];
  for (let i = 0; i < cases.length; i++) {
    const [category, note] = cases[i]!;
    const city = t.city();
    const { p, cert, ent } = t.person(city, category, { insured: false });
    const y = t.contractor(t.city());
    const z = t.contractor(t.city());
    if (y.uscc === ent!.uscc || z.uscc === ent!.uscc) {
      i--; // try again with other firms
      continue;
    }
    if (i === 0) w.insure(p, w.monthsBefore(12), y.uscc);
    if (i === 1) w.insure(p, [window[0]!, window[2]!, window[5]!], y.uscc);
    if (i === 2) {
      w.insure(p, [window[1]!, window[4]!], y.uscc);
      w.insure(p, [window[3]!], z.uscc);
    }
    if (i === 3) {
      w.insure(p, [...w.monthsBefore(6, 6), w.asOfMonth], ent!.uscc);
      w.insure(p, window, y.uscc);
    }
    t.hit('R05', cert.cert_no, note);
    await t.emit(p);
  }
  const misses: Array<[CertCategory, string]> = [
    ['B', '近 6 个月只有 2 个月由其他单位缴纳'],
    ['C2', '近 6 个月由其他单位缴纳，但聘用单位也缴了 1 个月'],
    ['C3', '其他单位缴纳的 3 个月都在 6 个月窗口之外'],
  ];
  for (let i = 0; i < misses.length; i++) {
    const [category, note] = misses[i]!;
    const city = t.city();
    const { p, cert, ent } = t.person(city, category, { insured: false });
    const y = t.contractor(t.city());
    if (y.uscc === ent!.uscc) {
      i--;
      continue;
    }
    if (i === 0) w.insure(p, [window[1]!, window[2]!], y.uscc);
    if (i === 1) {
      w.insure(p, window, y.uscc);
      w.insure(p, [window[3]!], ent!.uscc);
    }
    if (i === 2) w.insure(p, [...w.monthsBefore(2, 6), w.asOfMonth], y.uscc);
    t.miss('R05', cert.cert_no, note);
    await t.emit(p);
  }
}

// R06 频繁变更.
async function r06(t: Planter): Promise<void> {
  const { w } = t;
  const A = w.A;
  const plans: Array<[number[], string, boolean]> = [
    [[A - 400, A - 250, A - 100], '300 天内 3 次变更聘用单位', true],
    [[A - 300, A - 240, A - 170, A - 100], '200 天内 4 次变更聘用单位', true],
    [[A - 500, A - 300, A - 136], '3 次变更，首末相隔 364 天', true],
    [[A - 500, A - 400, A - 300], '3 次变更分属两本证书，200 天内', true],
    [[A - 600, A - 420, A - 235], '3 次变更，首末恰好相隔 365 天', false],
    [[A - 200, A - 190], '2 次变更，相隔 10 天', false],
  ];
  for (let k = 0; k < plans.length; k++) {
    const [days, note, fires] = plans[k]!;
    const city = t.city();
    const firms: Enterprise[] = [];
    while (firms.length < days.length + 1) {
      const f = t.contractor(t.city());
      if (!firms.some((x) => x.uscc === f.uscc)) firms.push(f);
    }
    const { p, cert } = t.person(city, 'B', { employer: firms[0]!, issued: A - 800, insured: false });
    const second = k === 3 ? w.issueCert(t.rng, p, 'C3', A - 650) : null;
    days.forEach((d, i) => w.change(p, second !== null && i === 1 ? second : cert, firms[i + 1]!, d));
    w.insure(p, w.monthsBefore(12));
    (fires ? t.hit : t.miss).call(t, 'R06', p.id, note);
    await t.emit(p);
  }
}

// R07 学时不足.
async function r07(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  const issued = () => A - rng.int(150, 500);
  const cases: Array<[CertCategory, (p: Person, cert: CertificateRecord, city: number) => void, string, boolean]> = [
    ['B', (p, c, city) => w.attend(p, t.customClass(city, 'B', t.days(dn(c.issued) - 60, 5))), 'B证培训仅 40 学时', true],
    ['TZ', (p, c, city) => w.attend(p, t.customClass(city, 'TZ', t.days(dn(c.issued) - 50, 3))), '特种作业培训仅 24 学时', true],
    ['C2', (p, c, city) => w.attend(p, w.standardClass(city, 'C3', dn(c.issued) - 70)), '培训类别为 C3，C2 证无对应学时', true],
    ['A', (p, c, city) => w.attend(p, t.customClass(city, 'A', t.days(dn(c.issued) - 400, 7))), '56 学时的培训均在发证前 365 天之外', true],
    ['C1', () => undefined, '无任何培训记录', true],
    ['B', (p, c, city) => w.attend(p, t.customClass(city, 'B', t.days(dn(c.issued) - 60, 6))), '培训恰好 48 学时', false],
    ['TZ', (p, c, city) => w.attend(p, t.customClass(city, 'TZ', t.days(dn(c.issued) - 40, 4))), '特种作业培训恰好 32 学时', false],
    ['C3', (p, c, city) => w.attend(p, t.customClass(city, 'C3', t.days(dn(c.issued) - 365, 6))), '首次课恰在发证前 365 天，合计恰好 48 学时', false],
  ];
  for (const [category, train, note, fires] of cases) {
    const city = t.city();
    const { p, cert } = t.bare(city, category, issued());
    train(p, cert, city);
    t.exam(p, cert, rng.int(10, 30));
    (fires ? t.hit : t.miss).call(t, 'R07', cert.cert_no, note);
    await t.emit(p);
  }
}

// R08 学时冲突.
async function r08(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  const H = (h: number, m = 0) => h * 60 + m;
  {
    const city = t.city();
    const { p, cert } = t.person(city, 'B', { issued: A - rng.int(200, 400) });
    const day = dn(p.training[2]!.start.slice(0, 10));
    w.attend(p, t.customClass(city, 'JX', [{ start: dateTime(day, H(14)), end: dateTime(day, H(16)), hours: 2 }]));
    t.hit('R08', p.id, `参加${cert.category}证培训的同时参加另一班级的继续教育（时间重叠）`);
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert } = t.bare(city, 'C3', A - rng.int(150, 400));
    const d0 = dn(cert.issued) - 60;
    const sessions = [
      { start: dateTime(d0, H(8)), end: dateTime(d0, H(12, 30)), hours: 5 },
      { start: dateTime(d0, H(13, 30)), end: dateTime(d0, H(18)), hours: 5 },
      ...t.days(d0 + 1, 5),
    ];
    w.attend(p, t.customClass(city, 'C3', sessions));
    t.exam(p, cert, 20);
    t.hit('R08', p.id, '同一天计 10 学时（超过 8 学时）');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert } = t.person(city, 'TZ', { issued: A - rng.int(200, 400) });
    const day = dn(cert.issued) - 10;
    w.attend(p, t.customClass(city, 'JX', [{ start: dateTime(day, H(8, 30)), end: dateTime(day, H(12)), hours: 4 }]));
    w.attend(p, t.customClass(city, 'JX', [{ start: dateTime(day, H(13, 30)), end: dateTime(day, H(17, 30)), hours: 5 }]));
    t.hit('R08', p.id, '同一天上午、下午两个班级，合计 9 学时');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert } = t.person(city, 'C2', { issued: A - rng.int(200, 400) });
    const day = dn(cert.issued) - 8;
    w.attend(p, t.customClass(city, 'JX', [{ start: dateTime(day, H(9)), end: dateTime(day, H(12)), hours: 4 }]));
    w.attend(p, t.customClass(city, 'JX', [{ start: dateTime(day, H(11)), end: dateTime(day, H(13)), hours: 2 }]));
    t.hit('R08', p.id, '两个班级时间重叠（合计未超 8 学时）');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert } = t.person(city, 'C1', { issued: A - rng.int(200, 400) });
    const day = dn(cert.issued) - 8;
    w.attend(p, t.customClass(city, 'JX', [{ start: dateTime(day, H(9)), end: dateTime(day, H(12)), hours: 4 }]));
    w.attend(p, t.customClass(city, 'JX', [{ start: dateTime(day, H(14)), end: dateTime(day, H(17)), hours: 4 }]));
    t.miss('R08', p.id, '同一天两个班级不重叠，合计恰好 8 学时');
    await t.emit(p);
  }
}

// R09 虚报学时.
async function r09(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  const H = (h: number, m = 0) => h * 60 + m;
  {
    // A whole TZ class claiming 8 学时 for 4-hour sessions, four candidates.
    const city = t.city();
    const start = A - rng.int(200, 400);
    const cls = t.customClass(city, 'TZ', t.days(start, 5, 8, H(9), H(13)));
    for (let i = 0; i < 4; i++) {
      const { p, cert } = t.bare(city, 'TZ', start + 40 + i);
      w.attend(p, cls);
      t.exam(p, cert, 20);
      await t.emit(p);
    }
    t.hit('R09', cls.classNo, '每次课 4 小时却计 8 学时（4 名学员）');
  }
  {
    const city = t.city();
    const { p, cert } = t.bare(city, 'B', A - rng.int(150, 400));
    const d0 = dn(cert.issued) - 60;
    const sessions = t.days(d0, 7);
    sessions[3] = { start: dateTime(d0 + 3, H(14)), end: dateTime(d0 + 3, H(17)), hours: 6 };
    const cls = t.customClass(city, 'B', sessions);
    w.attend(p, cls);
    t.exam(p, cert, 20);
    t.hit('R09', cls.classNo, '3 小时的课计 6 学时');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p } = t.person(city, 'C3', { issued: A - rng.int(400, 700) });
    const d0 = A - rng.int(30, 120);
    const cls = t.customClass(city, 'JX', t.days(d0, 2, 8, H(9), H(11)));
    w.attend(p, cls);
    t.hit('R09', cls.classNo, '继续教育每天 2 小时计 8 学时');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert } = t.bare(city, 'C3', A - rng.int(150, 400));
    const d0 = dn(cert.issued) - 45;
    const sessions = t.days(d0, 7);
    sessions[0] = { start: dateTime(d0, H(9)), end: dateTime(d0, H(12)), hours: 4.5 };
    const cls = t.customClass(city, 'C3', sessions);
    w.attend(p, cls);
    t.exam(p, cert, 15);
    t.hit('R09', cls.classNo, '3 小时的课计 4.5 学时（超出容差 0.25）');
    await t.emit(p);
  }
  {
    const city = t.city();
    const { p, cert } = t.bare(city, 'C2', A - rng.int(150, 400));
    const d0 = dn(cert.issued) - 45;
    const sessions = t.days(d0, 7);
    sessions[0] = { start: dateTime(d0, H(9)), end: dateTime(d0, H(12)), hours: 4.25 };
    const cls = t.customClass(city, 'C2', sessions);
    w.attend(p, cls);
    t.exam(p, cert, 15);
    t.miss('R09', cls.classNo, '3 小时的课计 4.25 学时（恰为 180/45 + 0.25）');
    await t.emit(p);
  }
}

// R10 无考发证.
async function r10(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  const cases: Array<[CertCategory, (p: Person, c: CertificateRecord) => void, string, boolean]> = [
    ['B', () => undefined, '无任何考试记录', true],
    [
      'TZ',
      (p, c) => {
        const s = t.customSitting(w.workCityIdx(p), 'TZ', dn(c.issued) - 30);
        w.sit(rng, p, s, 'TZ', { passed: false });
      },
      '仅有一次不合格的考试',
      true,
    ],
    ['C3', (p, c) => t.exam(p, c, 200), '合格考试在发证前 200 天', true],
    ['C2', (p, c) => t.exam(p, c, 40, 'C1'), '合格考试类别为 C1，证书为 C2', true],
    ['A', (p, c) => t.exam(p, c, -10), '合格考试在发证后 10 天', true],
    ['C1', (p, c) => t.exam(p, c, 180), '合格考试恰在发证前 180 天', false],
    [
      'C3',
      (p, c) => {
        const s = t.customSitting(w.workCityIdx(p), 'C3', dn(c.issued) - 60);
        w.sit(rng, p, s, 'C3', { passed: false });
        t.exam(p, c, 30);
      },
      '首次不合格，补考合格',
      false,
    ],
  ];
  for (const [category, examine, note, fires] of cases) {
    const city = t.city();
    const { p, cert } = t.bare(city, category, A - rng.int(250, 600));
    w.attend(p, w.standardClass(city, category, dn(cert.issued) - 250 - ((dn(cert.issued) + 3) % 7)));
    examine(p, cert);
    (fires ? t.hit : t.miss).call(t, 'R10', cert.cert_no, note);
    await t.emit(p);
  }
}

// R11 考试异常.
async function r11(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  type Candidate = { passed: boolean; minutes?: number; hash?: string | null };
  const sittings: Array<[CertCategory, Candidate[], string, boolean]> = [];
  const same = () => rng.hex(16);
  {
    const h = same();
    sittings.push(['B', [...Array(5)].map((): Candidate => ({ passed: true, hash: h })).concat([{ passed: true }, { passed: true }]), '5 名合格考生答卷指纹相同', true]);
  }
  sittings.push(['C3', [...Array(3)].map((): Candidate => ({ passed: true, minutes: rng.int(6, 9) })).concat([{ passed: true }, { passed: false }]), '3 名合格考生开考不到 10 分钟交卷', true]);
  {
    const h = same();
    sittings.push(['TZ', [...Array(6)].map((): Candidate => ({ passed: true, hash: h })), '6 名合格考生答卷指纹相同', true]);
  }
  {
    const h = same();
    sittings.push(['C2', [...Array(4)].map((): Candidate => ({ passed: true, hash: h })).concat([{ passed: true }]), '4 名合格考生答卷指纹相同（不足 5 名）', false]);
  }
  {
    const h = same();
    sittings.push(['B', [...Array(4)].map((): Candidate => ({ passed: true, hash: h })).concat([{ passed: false, hash: h }]), '5 份相同答卷，其中 1 名不合格', false]);
  }
  sittings.push(['C1', [...Array(3)].map((): Candidate => ({ passed: true, minutes: 10 })).concat([{ passed: true }]), '3 名合格考生恰好 10 分钟交卷', false]);
  sittings.push(['TZ', [{ passed: true, minutes: 5 }, { passed: true, minutes: 7 }, { passed: false, minutes: 4 }, { passed: true }], '2 名合格考生快速交卷，第 3 名快速交卷者不合格', false]);

  for (const [category, candidates, note, fires] of sittings) {
    const city = t.city();
    const day = A - rng.int(120, 500);
    const sitting = t.customSitting(city, category, day);
    for (const c of candidates) {
      if (c.passed) {
        const { p, cert } = t.bare(city, category, day + rng.int(20, 60));
        w.attend(p, w.standardClass(city, category, day - 30 - ((day + 3) % 7)));
        w.sit(rng, p, sitting, category, c as { passed: boolean });
        void cert;
        await t.emit(p);
      } else {
        const { p } = t.person(city, null, { insured: false });
        w.sit(rng, p, sitting, category, c as { passed: boolean });
        await t.emit(p);
      }
    }
    (fires ? t.hit : t.miss).call(t, 'R11', sitting.sittingNo, note);
  }
}

/** A birth day on which someone is exactly `age` on `day` and `age - 1` the day before, by the domain's own arithmetic. */
function birthdayOn(day: number, age: number): number {
  for (let b = birthForAgeOn(day, age) - 2; ; b++) {
    const probe = '510104' + iso(b).replaceAll('-', '') + '0011';
    if (ageOn(probe, iso(day)) === age && ageOn(probe, iso(day - 1)) === age - 1) return b;
    if (b > birthForAgeOn(day, age) + 3) throw new Error(`no birthday ${age} years before ${iso(day)}`);
  }
}

// R12 年龄不符.
async function r12(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  {
    const city = t.city();
    const issued = A - rng.int(200, 400);
    const { cert, p } = t.person(city, 'TZ', { issued, birth: birthForAgeOn(issued, 17) - 200 });
    t.hit('R12', cert.cert_no, '发证时持证人 17 岁');
    await t.emit(p);
  }
  {
    const city = t.city();
    const issued = A - rng.int(200, 400);
    const { cert, p } = t.person(city, 'TZ', { issued, birth: birthdayOn(issued + 1, 18) });
    t.hit('R12', cert.cert_no, '发证日为持证人 18 周岁生日前一天');
    await t.emit(p);
  }
  {
    const city = t.city();
    const start = A - 200;
    const { cert, p, ent } = t.person(city, 'TZ', { issued: A - 500, birth: birthdayOn(start, 60) });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, start, rng), start, null);
    t.hit('R12', cert.cert_no, '进场当天恰满 60 周岁');
    await t.emit(p);
  }
  {
    const city = t.city();
    const start = A - 100;
    const { cert, p, ent } = t.person(city, 'TZ', { issued: A - 600, birth: birthForAgeOn(start, 62) - 40 });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, start, rng), start, null);
    t.hit('R12', cert.cert_no, '进场时 62 岁仍从事特种作业');
    await t.emit(p);
  }
  {
    const city = t.city();
    const issued = A - rng.int(200, 400);
    const { cert, p } = t.person(city, 'TZ', { issued, birth: birthdayOn(issued, 18) });
    t.miss('R12', cert.cert_no, '发证当天恰满 18 周岁');
    await t.emit(p);
  }
  {
    const city = t.city();
    const start = A - 150;
    const { cert, p, ent } = t.person(city, 'TZ', { issued: A - 500, birth: birthdayOn(start + 1, 60) });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, start, rng), start, null);
    t.miss('R12', cert.cert_no, '进场时 59 岁（次日满 60），现仍在岗');
    await t.emit(p);
  }
  {
    const city = t.city();
    const start = A - 150;
    const { cert, p, ent } = t.person(city, 'B', { issued: A - 500, birth: birthForAgeOn(start, 66) });
    w.post(p, cert, ent!, w.projectIndexAt(ent!, start, rng), start, null);
    t.miss('R12', cert.cert_no, '66 岁的项目负责人（B证不受特种作业年龄限制）');
    await t.emit(p);
  }
}

// R13 身份证号无效.
async function r13(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  const rebadge = (p: Person, id: string) => {
    // Before any record is written, so that every record carries the same (invalid) number.
    p.id = id;
  };
  {
    const city = t.city();
    const p = w.newPerson(rng, { cityIdx: city });
    rebadge(p, withWrongCheckChar(p.id));
    const ent = t.contractor(city);
    w.employ(p, ent);
    const cert = w.issueCert(rng, p, 'B', A - rng.int(200, 500));
    w.insure(p, w.monthsBefore(12));
    t.hit('R13', p.id, '证书持证人身份证号校验位错误');
    void cert;
    await t.emit(p);
  }
  {
    const city = t.city();
    const p = w.newPerson(rng, { cityIdx: city });
    rebadge(p, withImpossibleBirthDate(p.id.slice(0, 6), Number(p.id.slice(6, 10)), rng.int(0, 999)));
    const ent = t.contractor(city);
    w.employ(p, ent);
    w.issueCert(rng, p, 'C3', A - rng.int(200, 500));
    w.insure(p, w.monthsBefore(12));
    t.hit('R13', p.id, '身份证号出生日期不存在（13 月）');
    await t.emit(p);
  }
  {
    const city = t.city();
    const p = w.newPerson(rng, { cityIdx: city });
    rebadge(p, withWrongCheckChar(p.id));
    const ent = t.contractor(city);
    w.employ(p, ent);
    const cert = w.issueCert(rng, p, 'C2', A - rng.int(300, 500));
    w.post(p, cert, ent, w.projectIndexAt(ent, A - 200, rng), A - 200, null);
    w.insure(p, w.monthsBefore(12));
    t.hit('R13', p.id, '在岗人员及其证书的身份证号校验位错误');
    await t.emit(p);
  }
  {
    // Near-miss: a valid number whose check character is X.
    const city = t.city();
    let p = w.newPerson(rng, { cityIdx: city });
    while (!p.id.endsWith('X')) p = w.newPerson(rng, { cityIdx: city });
    const ent = t.contractor(city);
    w.employ(p, ent);
    const cert = w.issueCert(rng, p, 'C3', A - rng.int(200, 500));
    w.post(p, cert, ent, w.projectIndexAt(ent, A - 100, rng), A - 100, null);
    w.insure(p, w.monthsBefore(12));
    t.miss('R13', p.id, '校验位为 X 的有效身份证号');
    await t.emit(p);
  }
}

// R14 无证或失效许可施工.
async function r14(t: Planter): Promise<void> {
  const { w, rng } = t;
  const A = w.A;
  type Licence = { license_no: string | null; license_expires: string | null; license_status: string | null } | null | 'absent';
  // By expiry day: the licence was issued three years before it.
  const licence = (expires: number, status: string): Licence => ({
    license_no: w.licences.allocate(Number(iso(addYearsDn(expires, -3)).slice(0, 4))),
    license_expires: iso(expires),
    license_status: status,
  });
  const cases: Array<[Licence, [number, number | null], string, boolean]> = [
    [null, [A - 200, null], '施工单位无安全生产许可证', true],
    ['absent', [A - 150, null], '施工单位不在企业库中', true],
    [licence(A + 700, '暂扣'), [A - 120, null], '许可证暂扣期间仍在施工', true],
    [licence(A - 100, '失效'), [A - 300, null], '许可证已过期 100 天仍在施工', true],
    [licence(A - 30, '有效'), [A - 200, A - 10], '项目离场晚于许可证有效期', true],
    [licence(A - 50, '失效'), [A - 300, A - 50], '许可证恰在离场当天到期（现已失效，无在建项目）', false],
    [licence(A, '有效'), [A - 200, null], '许可证恰在评估日到期，项目在建', false],
    [licence(A + 600, '吊销'), [A - 400, A - 90], '许可证已吊销，但项目在吊销前已全部结束', false],
  ];
  for (const [lic, [start, end], note, fires] of cases) {
    const city = t.city();
    const ent = w.newEnterprise(rng, city, 'contractor');
    if (lic !== 'absent') await w.emit('enterprises', w.enterpriseRecord(ent, lic));
    const { p, cert } = t.person(city, rng.pick(['B', 'C3', 'TZ'] as const), { employer: ent, issued: start - rng.int(60, 300) });
    w.post(p, cert, ent, w.projectIndexAt(ent, start, rng), start, end);
    (fires ? t.hit : t.miss).call(t, 'R14', ent.uscc, note);
    await t.emit(p);
  }
}

export type { Enterprise };
