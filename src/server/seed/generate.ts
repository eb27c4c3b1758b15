// The synthetic Sichuan: a deterministic, streaming generator of every data-exchange kind, with planted
// problems for each of the 14 screening rules and near-misses that must not fire. The baseline is clean,
// so screening the output gives exactly the `injected` list (precision and recall 1 per rule).

import { todayCst, isIsoDate } from '../domain/dates.js';
import type { CertificateRecord, Dataset, KindName } from '../domain/records.js';
import { planBaselinePerson } from './baseline.js';
import { plantAll } from './injections.js';
import { Rng } from './prng.js';
import { type Finding, type Sink, World } from './world.js';

export type { Finding, KindRecordMap, Sink } from './world.js';

/** 'small' ≈ 3,000 certificates (the demo and the tests); 'province' ≈ 1,000,000; a number = certificates wanted. */
export type Scale = 'small' | 'province' | number;

export interface GenerateOptions {
  scale: Scale;
  seed?: number;
  /** The evaluation date every generated date is relative to (YYYY-MM-DD, CST). */
  asOf: string;
}

export interface GenerateResult {
  /** Every (rule, subject) the contract's rules give on the generated data. */
  injected: Finding[];
  /** Planted on the safe side of a threshold: none of these may fire. */
  nearMisses: Finding[];
  counts: Record<KindName, number>;
}

export const DEFAULT_SEED = 20240501;

/** The demo's evaluation date: today in China Standard Time, so the demo province is always current. */
export const defaultAsOf = (): string => todayCst();

// Measured: the baseline gives ~1.95 certificates per person (renewals, second certificates).
const CERTS_PER_PERSON = 1.95;

export function personsFor(scale: Scale): number {
  const certs = scale === 'small' ? 3_000 : scale === 'province' ? 1_000_000 : scale;
  if (!Number.isFinite(certs) || certs < 1) throw new RangeError(`规模应为 small、province 或正整数：${scale}`);
  return Math.max(50, Math.round(certs / CERTS_PER_PERSON));
}

/**
 * Streams the synthetic dataset to `sink`, one record at a time (awaited when the sink returns a promise),
 * so that province scale never sits in memory. Same options, same records in the same order.
 */
export async function generate(options: GenerateOptions, sink: Sink): Promise<GenerateResult> {
  if (!isIsoDate(options.asOf)) throw new RangeError(`评估日期应为 YYYY-MM-DD：${options.asOf}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const persons = personsFor(options.scale);
  const w = new World(seed, options.asOf, sink);
  await w.buildEnterprises(new Rng(seed, 'enterprises'), Math.max(42, Math.round(persons / 30)));
  const rng = new Rng(seed, 'baseline');
  for (let i = 0; i < persons; i++) await w.emitPerson(planBaselinePerson(w, rng));
  const { injected, nearMisses } = await plantAll(w, new Rng(seed, 'inject'));
  return { injected, nearMisses, counts: { ...w.counts } };
}

/** The whole dataset in memory (small scales): external certificates join `certificates` with their source. */
export async function generateDataset(
  options: GenerateOptions,
): Promise<{ dataset: Dataset; injected: Finding[]; nearMisses: Finding[]; counts: Record<KindName, number> }> {
  const dataset: Dataset = {
    enterprises: [],
    certificates: [],
    staffing: [],
    social_insurance: [],
    changes: [],
    training: [],
    exams: [],
  };
  const result = await generate(options, (kind, record) => {
    const target: keyof Dataset = kind === 'external_certificates' ? 'certificates' : kind;
    (dataset[target] as unknown[]).push(record);
  });
  return { dataset, ...result };
}

export type { CertificateRecord };
