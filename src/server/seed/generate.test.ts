import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CERT_STATUSES } from '../domain/certificates.js';
import { isValidCreditCode } from '../domain/credit-code.js';
import { KIND_NAMES, type KindName } from '../domain/records.js';
import { cities } from '../domain/regions.js';
import { isValidResidentId } from '../domain/resident-id.js';
import { generate, generateDataset } from './generate.js';

const RULES = Array.from({ length: 14 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`);
const asOf = '2025-06-15';

async function digest(seed: number): Promise<{ hash: string; counts: Record<KindName, number> }> {
  const h = createHash('sha256');
  const r = await generate({ scale: 'small', seed, asOf }, (kind, record) => {
    h.update(kind + JSON.stringify(record) + '\n');
  });
  h.update(JSON.stringify(r.injected) + JSON.stringify(r.nearMisses));
  return { hash: h.digest('hex'), counts: r.counts };
}

describe('generate', () => {
  it('is deterministic: same seed, same records in the same order', async () => {
    const a = await digest(42);
    const b = await digest(42);
    const c = await digest(43);
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
  });

  it('generates a small province quickly, with every kind present', async () => {
    const t0 = performance.now();
    const { counts } = await generate({ scale: 'small', asOf }, () => undefined);
    expect(performance.now() - t0).toBeLessThan(10_000);
    for (const kind of KIND_NAMES) expect(counts[kind], kind).toBeGreaterThan(0);
    expect(counts.certificates + counts.external_certificates).toBeGreaterThan(2_000);
    expect(counts.certificates + counts.external_certificates).toBeLessThan(5_000);
  });

  it('awaits an asynchronous sink record by record', async () => {
    let pending = 0;
    let most = 0;
    await generate({ scale: 400, asOf }, async () => {
      pending++;
      most = Math.max(most, pending);
      await new Promise((resolve) => setImmediate(resolve));
      pending--;
    });
    expect(most).toBe(1);
  });
});

describe('the generated dataset', async () => {
  const { dataset, injected, nearMisses } = await generateDataset({ scale: 'small', asOf });

  it('plants several problems and at least one near-miss for every rule', () => {
    for (const rule of RULES) {
      expect(injected.filter((f) => f.rule === rule).length, rule).toBeGreaterThanOrEqual(3);
      expect(nearMisses.filter((f) => f.rule === rule).length, rule).toBeGreaterThanOrEqual(1);
    }
    const keys = injected.map((f) => `${f.rule} ${f.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of [...injected, ...nearMisses]) expect(f.note.length).toBeGreaterThan(0);
  });

  it('has valid ID numbers everywhere except those planted for R13', () => {
    const r13 = new Set(injected.filter((f) => f.rule === 'R13').map((f) => f.subject));
    const ids = [
      ...dataset.certificates.map((c) => c.id_no),
      ...dataset.staffing.map((s) => s.id_no),
      ...dataset.social_insurance.map((s) => s.id_no),
      ...dataset.training.map((s) => s.id_no),
      ...dataset.exams.map((s) => s.id_no),
    ];
    const invalid = new Set(ids.filter((id) => !isValidResidentId(id)));
    expect([...invalid].sort()).toEqual([...r13].sort());
    // And every planted one does appear in certificates or staffing.
    const screened = new Set([...dataset.certificates.map((c) => c.id_no), ...dataset.staffing.map((s) => s.id_no)]);
    for (const id of r13) expect(screened.has(id), id).toBe(true);
  });

  it('has valid credit codes everywhere', () => {
    const codes = [
      ...dataset.enterprises.map((e) => e.uscc),
      ...dataset.certificates.flatMap((c) => (c.employer_uscc ? [c.employer_uscc] : [])),
      ...dataset.staffing.map((s) => s.contractor_uscc),
      ...dataset.social_insurance.map((s) => s.employer_uscc),
      ...dataset.changes.flatMap((c) => [c.from_uscc ?? '', c.to_uscc]),
      ...dataset.training.map((t) => t.institution_uscc ?? ''),
      ...dataset.exams.map((t) => t.institution_uscc ?? ''),
    ];
    expect(codes.filter((c) => !isValidCreditCode(c))).toEqual([]);
  });

  it('never repeats a row identity of the contract (§1)', () => {
    const unique = (rows: string[]) => expect(new Set(rows).size).toBe(rows.length);
    unique(dataset.enterprises.map((e) => e.uscc));
    unique(dataset.certificates.map((c) => `${c.cert_no}|${c.source}`));
    unique(dataset.staffing.map((s) => `${s.project_no}|${s.id_no}|${s.cert_no}|${s.start}`));
    unique(dataset.social_insurance.map((s) => `${s.id_no}|${s.employer_uscc}|${s.month}`));
    unique(dataset.changes.map((c) => `${c.cert_no}|${c.date}|${c.to_uscc}`));
    unique(dataset.training.map((t) => `${t.class_no}|${t.id_no}|${t.start}`));
    unique(dataset.exams.map((e) => `${e.sitting_no}|${e.id_no}`));
  });

  it('spreads enterprises over all 21 cities and uses every category, operation and state', () => {
    const cityCodes = new Set(dataset.enterprises.map((e) => e.region.slice(0, 4) + '00'));
    for (const city of cities()) expect(cityCodes.has(city.code), city.name).toBe(true);
    const registry = dataset.certificates.filter((c) => c.source === '');
    expect(new Set(registry.map((c) => c.category))).toEqual(new Set(['A', 'B', 'C1', 'C2', 'C3', 'TZ']));
    const operations = new Set(registry.flatMap((c) => (c.operation ? [c.operation] : [])));
    for (let op = 1; op <= 11; op++) expect(operations.has(String(op).padStart(2, '0')), `operation ${op}`).toBe(true);
    const states = new Set(dataset.certificates.map((c) => c.status));
    for (const s of CERT_STATUSES) expect(states.has(s.label), s.label).toBe(true);
    expect(dataset.certificates.some((c) => c.source === '应急管理厅' && c.cert_no === 'T' + c.id_no)).toBe(true);
    expect(dataset.certificates.some((c) => c.name.includes('·'))).toBe(true);
    expect(registry.every((c) => /^川建安(A|B|C[123])\(\d{4}\)\d{7}$|^川建\(\d{2}\)\d{10}$/.test(c.cert_no))).toBe(true);
    const licences = dataset.enterprises.flatMap((e) => (e.license_no ? [e.license_no] : []));
    expect(licences.every((l) => /^\(川\)JZ安许证字\[\d{4}\]\d{6}$/.test(l))).toBe(true);
    expect(new Set(dataset.enterprises.map((e) => e.license_status))).toEqual(new Set([null, '有效', '暂扣', '吊销', '注销', '失效']));
  });

  it('dates everything relative to the evaluation date', () => {
    const starts = dataset.staffing.map((s) => s.start);
    expect(starts.every((d) => d <= asOf)).toBe(true);
    expect(dataset.certificates.every((c) => c.issued <= asOf && c.issued < c.expires)).toBe(true);
    expect(dataset.exams.every((e) => e.start.slice(0, 10) <= asOf)).toBe(true);
    expect(dataset.social_insurance.every((s) => s.month <= asOf.slice(0, 7))).toBe(true);
  });
});
