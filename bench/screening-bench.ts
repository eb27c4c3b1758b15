// Screening benchmarks (issue #4):
// 1. precision and recall per rule on generated data (everything injected is found, nothing else);
// 2. province scale (≈ 1M certificates, 1M staffing, 7M insurance months, 5M training, 1M exams) screened
//    from the database — load + rules, peak memory — with the same rules as plain SQL in DuckDB measured
//    in the same run on the same data as the peer.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/server/db/database.js';
import { importFiles } from '../src/server/import/import-files.js';
import { datasetFiles } from '../src/server/import/read-dataset.js';
import { loadDataset } from '../src/server/registry/load-dataset.js';
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

/** In a child process (`certguard bench screen-child DIR ours|duckdb`): load from the database, screen. */
export async function screenChild(dataDir: string, engine: 'ours' | 'duckdb'): Promise<void> {
  const db = await openDatabase({ dataDir });
  const t0 = performance.now();
  const dataset = await loadDataset(db);
  const loadMs = performance.now() - t0;
  await db.close();
  const rows = Object.values(dataset).reduce((n, r) => n + r.length, 0);
  let rulesMs: number;
  let pairs: Pair[];
  let peerLoadMs = 0;
  if (engine === 'ours') {
    const t1 = performance.now();
    const r = screen(dataset, { asOf: AS_OF });
    rulesMs = performance.now() - t1;
    pairs = r.hits.map((h) => ({ rule: h.rule, subject: h.subject }));
  } else {
    const { DuckDbPeer } = await import('../src/server/screening/duckdb-peer.js');
    const peer = await DuckDbPeer.load(dataset);
    peerLoadMs = peer.loadMs;
    const r = await peer.screen({ asOf: AS_OF });
    rulesMs = r.timings.queryMs;
    pairs = r.pairs;
  }
  process.stdout.write(JSON.stringify({ rows, loadMs, peerLoadMs, rulesMs, maxRssMb: process.resourceUsage().maxRSS / 1024, pairs }) + '\n');
}

interface ChildResult {
  rows: number;
  loadMs: number;
  peerLoadMs: number;
  rulesMs: number;
  maxRssMb: number;
  pairs: Pair[];
}

function runChild(dataDir: string, engine: 'ours' | 'duckdb'): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', '--max-semi-space-size=48', BIN, 'bench', 'screen-child', dataDir, engine], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`screen child (${engine}) exited ${code}`))));
  });
}

export async function benchProvince(scale: Scale = 'province'): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'certguard-bench-screen-'));
  try {
    const folder = join(dir, 'dataset');
    let t = performance.now();
    const gen = await writeDatasetFolder(folder, { scale, seed: 20240501, asOf: AS_OF }, { messy: false });
    const genS = (performance.now() - t) / 1000;
    t = performance.now();
    const db = await openDatabase({ dataDir: join(dir, 'data') });
    const report = await importFiles(db, datasetFiles(folder));
    await db.close();
    const importS = (performance.now() - t) / 1000;
    if (report.files.some((f) => f.status !== 'imported')) throw new Error('province dataset did not import cleanly');
    const ours = await runChild(join(dir, 'data'), 'ours');
    const peer = await runChild(join(dir, 'data'), 'duckdb');
    const key = (p: Pair) => `${p.rule}\u0001${p.subject}`;
    const same = ours.pairs.length === peer.pairs.length && new Set([...ours.pairs.map(key), ...peer.pairs.map(key)]).size === ours.pairs.length;
    const oursTotal = ours.loadMs + ours.rulesMs;
    const peerTotal = peer.loadMs + peer.peerLoadMs + peer.rulesMs;
    const counts = Object.entries(gen.counts).map(([k, v]) => `${k} ${v}`).join(', ');
    return {
      scale: String(scale),
      rows: ours.rows,
      counts,
      'generate s (prep)': Number(genS.toFixed(1)),
      'import into SQLite s (prep)': Number(importS.toFixed(1)),
      'certguard: load from SQLite s': Number((ours.loadMs / 1000).toFixed(1)),
      'certguard: 14 rules s': Number((ours.rulesMs / 1000).toFixed(1)),
      'certguard: total s (target ≤ 60)': Number((oursTotal / 1000).toFixed(1)),
      'certguard: rows/s': Math.round(ours.rows / (oursTotal / 1000)),
      'certguard: peak RSS MB (target ≤ 4096)': Math.round(ours.maxRssMb),
      'DuckDB peer: load into DuckDB s': Number((peer.peerLoadMs / 1000).toFixed(1)),
      'DuckDB peer: 14 rules as SQL s': Number((peer.rulesMs / 1000).toFixed(1)),
      'DuckDB peer: total from SQLite s': Number((peerTotal / 1000).toFixed(1)),
      'ratio rules: certguard / DuckDB SQL (target ≤ 2)': Number((ours.rulesMs / peer.rulesMs).toFixed(2)),
      'ratio end to end: certguard / DuckDB peer': Number((oursTotal / peerTotal).toFixed(2)),
      'same (rule, subject) set as the peer': same ? 'yes' : 'NO',
      ...precisionRecall(ours.pairs, gen.injected),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
