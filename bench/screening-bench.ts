// Screening benchmarks (issue #4):
// 1. precision and recall per rule on generated data (everything injected is found, nothing else);
// 2. province scale (≈ 1M certificates, 1M staffing, 7M insurance months, 5M training, 1M exams) screened
//    from the database — load + rules, peak memory — with the same rules as plain SQL in DuckDB measured
//    in the same run on the same data as the peer. From SQLite always; from PostgreSQL as well when
//    CERTGUARD_BENCH_PG names a database for it. The province takes minutes to generate and import, so
//    CERTGUARD_BENCH_DIR may name a folder to keep it in and reuse (dataset/, sqlite/certguard.db).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/server/db/database.js';
import { importFiles } from '../src/server/import/import-files.js';
import { datasetFiles } from '../src/server/import/read-dataset.js';
import { loadDataset, loadScreeningTables } from '../src/server/registry/load-dataset.js';
import { screenTables } from '../src/server/screening/engine.js';
import { resolveParams } from '../src/server/screening/params.js';
import { insuranceWindow } from '../src/server/screening/rules/r05-hung-certificate.js';
import { screen } from '../src/server/screening/engine.js';
import { RULE_IDS } from '../src/server/screening/types.js';
import { generateDataset, type Scale } from '../src/server/seed/generate.js';
import { writeDatasetFolder } from '../src/server/seed/write-dataset.js';

const BIN = fileURLToPath(new URL('../bin/certguard.mjs', import.meta.url));
const AS_OF = '2024-12-31';

type Pair = { rule: string; subject: string };

function precisionRecall(found: Pair[], injected: Pair[]): Record<string, string> {
  const out: Record<string, string> = {};
  const key = (p: Pair) => `${p.rule}\u0001${p.subject}`;
  const want = new Set(injected.map(key));
  const got = new Set(found.map(key));
  let worst = 1;
  for (const rule of RULE_IDS) {
    const w = [...want].filter((k) => k.startsWith(rule + '\u0001'));
    const g = [...got].filter((k) => k.startsWith(rule + '\u0001'));
    const tp = g.filter((k) => want.has(k)).length;
    const p = g.length ? tp / g.length : w.length ? 0 : 1;
    const r = w.length ? tp / w.length : 1;
    worst = Math.min(worst, p, r);
    out[`${rule} precision / recall (injected ${w.length})`] = `${p.toFixed(3)} / ${r.toFixed(3)}`;
  }
  out['lowest of all'] = worst.toFixed(3);
  return out;
}

export async function benchPrecisionRecall(scale: Scale = 'small'): Promise<Record<string, string | number>> {
  const { dataset, injected } = await generateDataset({ scale, seed: 20240501, asOf: AS_OF });
  const t0 = performance.now();
  const result = screen(dataset, { asOf: AS_OF });
  return { scale: String(scale), 'screen ms': Math.round(performance.now() - t0), ...precisionRecall(result.hits, injected) };
}

/** The database a child reads: a SQLite data folder, or a PostgreSQL URL. */
const openSource = (source: string) => (source.startsWith('postgres') ? openDatabase({ databaseUrl: source, dataDir: tmpdir() }) : openDatabase({ dataDir: source }));

/**
 * In a child process (`certguard bench screen-child SOURCE ours|duckdb`): load from the database, screen.
 * ours: the columnar loader and the engine, evidence fetched for the hits; duckdb: the records loaded
 * as before, copied into DuckDB, the rules as SQL.
 */
export async function screenChild(source: string, engine: 'ours' | 'duckdb'): Promise<void> {
  const db = await openSource(source);
  let loadMs: number;
  let rulesMs: number;
  let fetchMs = 0;
  let pairs: Pair[];
  let peerLoadMs = 0;
  let rows: number;
  if (engine === 'ours') {
    const t0 = performance.now();
    const loaded = await loadScreeningTables(db, { insuranceMonths: insuranceWindow(AS_OF, resolveParams(undefined).insuranceLookbackMonths) });
    loadMs = performance.now() - t0;
    rows = loaded.rowCount;
    const r = await screenTables(loaded.tables, loaded.rows, { asOf: AS_OF });
    await loaded.close();
    fetchMs = r.fetchMs;
    rulesMs = r.stats.totalMs - r.fetchMs;
    pairs = r.hits.map((h) => ({ rule: h.rule, subject: h.subject }));
  } else {
    const t0 = performance.now();
    const dataset = await loadDataset(db);
    loadMs = performance.now() - t0;
    rows = Object.values(dataset).reduce((n, r) => n + r.length, 0);
    const { DuckDbPeer } = await import('../src/server/screening/duckdb-peer.js');
    const peer = await DuckDbPeer.load(dataset);
    peerLoadMs = peer.loadMs;
    const r = await peer.screen({ asOf: AS_OF });
    rulesMs = r.timings.queryMs;
    pairs = r.pairs;
  }
  await db.close();
  process.stdout.write(JSON.stringify({ rows, loadMs, peerLoadMs, rulesMs, fetchMs, maxRssMb: process.resourceUsage().maxRSS / 1024, pairs }) + '\n');
}

interface ChildResult {
  rows: number;
  loadMs: number;
  peerLoadMs: number;
  rulesMs: number;
  fetchMs: number;
  maxRssMb: number;
  pairs: Pair[];
}

function runChild(source: string, engine: 'ours' | 'duckdb'): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', '--max-semi-space-size=48', BIN, 'bench', 'screen-child', source, engine], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`screen child (${engine}) exited ${code}`))));
  });
}

async function registryRows(db: Db): Promise<number> {
  let n = 0;
  for (const t of ['enterprises', 'certificates', 'staffing', 'social_insurance', 'changes', 'training', 'exams'] as const) {
    const r = await db.kysely.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    n += Number(r.n);
  }
  return n;
}

/** The generated dataset folder, imported into the database of `db` unless it holds certificates already. */
async function ensureImported(db: Db, folder: string): Promise<number | null> {
  const have = await db.kysely.selectFrom('certificates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(have.n) > 0) return null;
  const t = performance.now();
  const report = await importFiles(db, datasetFiles(folder));
  if (report.files.some((f) => f.status !== 'imported')) throw new Error('province dataset did not import cleanly');
  return (performance.now() - t) / 1000;
}

function readInjected(folder: string): Pair[] {
  return readFileSync(join(folder, 'injected.csv'), 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [rule, subject] = line.split(',');
      return { rule: rule!, subject: subject! };
    });
}

const s1 = (ms: number) => Number((ms / 1000).toFixed(1));

export async function benchProvince(scale: Scale = 'province'): Promise<Record<string, string | number>> {
  const kept = process.env.CERTGUARD_BENCH_DIR?.trim();
  const pgUrl = process.env.CERTGUARD_BENCH_PG?.trim();
  const dir = kept || mkdtempSync(join(tmpdir(), 'certguard-bench-screen-'));
  try {
    const folder = join(dir, 'dataset');
    const out: Record<string, string | number> = { scale: String(scale) };
    if (!existsSync(join(folder, 'injected.csv'))) {
      const t = performance.now();
      await writeDatasetFolder(folder, { scale, seed: 20240501, asOf: AS_OF }, { messy: false });
      out['generate s (prep)'] = s1(performance.now() - t);
    } else out['dataset'] = `reused from ${folder}`;
    const injected = readInjected(folder);
    const sources: Array<[name: string, source: string]> = [['SQLite', join(dir, 'sqlite')]];
    if (pgUrl) sources.push(['PostgreSQL', pgUrl]);
    for (const [name, source] of sources) {
      const db = await openSource(source);
      try {
        const importS = await ensureImported(db, folder);
        if (importS !== null) out[`import into ${name} s (prep)`] = Number(importS.toFixed(1));
        out[`${name}: rows in the registry`] = await registryRows(db);
      } finally {
        await db.close();
      }
      const load = loadAverage();
      const ours = await runChild(source, 'ours');
      const peer = await runChild(source, 'duckdb');
      const key = (p: Pair) => `${p.rule}\u0001${p.subject}`;
      const same = ours.pairs.length === peer.pairs.length && new Set([...ours.pairs.map(key), ...peer.pairs.map(key)]).size === ours.pairs.length;
      const oursTotal = ours.loadMs + ours.rulesMs + ours.fetchMs;
      const peerTotal = peer.loadMs + peer.peerLoadMs + peer.rulesMs;
      const registry = out[`${name}: rows in the registry`] as number;
      Object.assign(out, {
        [`${name}: load average before (1/5/15 min)`]: load,
        [`${name}: certguard load into columns s (rows read ${ours.rows})`]: s1(ours.loadMs),
        [`${name}: certguard 14 rules s`]: s1(ours.rulesMs),
        [`${name}: certguard evidence fetch s`]: s1(ours.fetchMs),
        [`${name}: certguard total s (target ≤ 60)`]: s1(oursTotal),
        [`${name}: certguard registry rows/s`]: Math.round(registry / (oursTotal / 1000)),
        [`${name}: certguard peak RSS MB (target ≤ 4096)`]: Math.round(ours.maxRssMb),
        [`${name}: DuckDB peer: load records s`]: s1(peer.loadMs),
        [`${name}: DuckDB peer: copy into DuckDB s`]: s1(peer.peerLoadMs),
        [`${name}: DuckDB peer: 14 rules as SQL s`]: s1(peer.rulesMs),
        [`${name}: DuckDB peer: total s`]: s1(peerTotal),
        [`${name}: DuckDB peer: peak RSS MB`]: Math.round(peer.maxRssMb),
        [`${name}: ratio rules: certguard / DuckDB SQL (target ≤ 2)`]: Number((ours.rulesMs / peer.rulesMs).toFixed(2)),
        [`${name}: ratio end to end: certguard / DuckDB peer`]: Number((oursTotal / peerTotal).toFixed(2)),
        [`${name}: same (rule, subject) set as the peer`]: same ? 'yes' : 'NO',
      });
      for (const [k, v] of Object.entries(precisionRecall(ours.pairs, injected))) if (k === 'lowest of all') out[`${name}: precision/recall, lowest of all rules`] = v;
    }
    return out;
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
}
