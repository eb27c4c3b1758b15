// Public verification throughput: GET /api/public/verify at 50 connections against 1M certificates,
// with rate limiting and recording on, as a ratio to a bare Fastify JSON route measured in the same
// run, in the same server process. The load generator (autocannon) runs in this process; the server
// in a child process; both on loopback only, for a bounded time.

import autocannon from 'autocannon';
import Fastify from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { importFiles } from '../src/server/import/import-files.js';
import { certificateRow, writeCertificateCsv } from './fixtures.js';

const BIN = fileURLToPath(new URL('../bin/certguard.mjs', import.meta.url));
const CONNECTIONS = 50;

/** A data directory holding `rows` certificates (built once per run and shared by the sections). */
const fixtures = new Map<number, Promise<string>>();
export function certificateDataDir(rows: number): Promise<string> {
  let p = fixtures.get(rows);
  if (!p) {
    p = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'certguard-bench-verify-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const csv = join(dir, 'certificates.csv');
      await writeCertificateCsv(csv, rows);
      const db = await openDatabase({ dataDir: join(dir, 'data') });
      const report = await importFiles(db, [{ path: csv }]);
      await db.close();
      rmSync(csv);
      if (report.files[0]?.inserted !== rows) throw new Error(`bench fixture: expected ${rows} certificates, got ${JSON.stringify(report.files[0])}`);
      return join(dir, 'data');
    })();
    fixtures.set(rows, p);
  }
  return p;
}

/** The child: the real app (rate limits and recording on; the load generator's address allow-listed) and a bare Fastify. */
export async function verificationServer(dataDir: string): Promise<void> {
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: process.env.BENCH_REDIS_URL ?? '',
    LOG_LEVEL: 'info',
    VERIFY_RATE_LIMIT_BYPASS: '127.0.0.1,::1',
  });
  const db = await openDatabase({ dataDir: config.dataDir });
  const { app } = await buildApp({ db, config, logger: { level: 'info', stream: { write: () => undefined } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ result: 'ok' }));
  // CPU time of this process (both servers), read by the load generator around each run.
  bare.get('/__cpu', async () => process.cpuUsage());
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (s: { server: { address(): unknown } }) => (s.server.address() as { port: number }).port;
  process.stdout.write(JSON.stringify({ app: port(app), bare: port(bare) }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await bare.close();
    await app.close();
    await db.close();
    process.exit(0);
  });
}

interface Run {
  /** Server CPU microseconds per request. */
  cpuUs: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function cpu(bareUrl: string): Promise<number> {
  const u = (await (await fetch(`${bareUrl}/__cpu`)).json()) as { user: number; system: number };
  return u.user + u.system;
}

async function load(url: string, paths: string[], seconds: number, bareUrl: string): Promise<Run> {
  let i = 0;
  const c0 = await cpu(bareUrl);
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  const cpuUs = ((await cpu(bareUrl)) - c0) / Math.max(1, r.requests.total);
  return { cpuUs, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

function startChild(dataDir: string): Promise<{ child: ChildProcess; ports: { app: number; bare: number } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=48', BIN, 'bench', 'verification-server', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ports: JSON.parse(line) });
    });
    child.once('exit', (code) => reject(new Error(`verification server exited ${code}`)));
  });
}

const ROUNDS = 4;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchVerification(rows = 1_000_000, seconds = 12): Promise<Record<string, number | string>> {
  const dataDir = await certificateDataDir(rows);
  // 9 in 10 queries match a certificate (by number and name); 1 in 10 give a wrong name.
  const paths: string[] = [];
  for (let k = 0; k < 20_000; k++) {
    const i = Math.floor((k * 7919) % rows);
    const r = certificateRow(i);
    const name = k % 10 === 9 ? '错名' : r[3]!;
    paths.push(`/api/public/verify?certNo=${encodeURIComponent(r[0]!)}&name=${encodeURIComponent(name)}`);
  }
  const { child, ports } = await startChild(dataDir);
  try {
    const bareUrl = `http://127.0.0.1:${ports.bare}`;
    const appUrl = `http://127.0.0.1:${ports.app}`;
    const check = await fetch(appUrl + paths[0]);
    const first = (await check.json()) as { result: string };
    if (first.result === 'no_match') throw new Error(`verification bench: expected a match, got ${JSON.stringify(first)}`);
    // Warm both, then alternate so that noise from other work on the machine falls on both alike.
    await load(bareUrl, ['/bare'], 2, bareUrl);
    await load(appUrl, paths, 2, bareUrl);
    const bare: Run[] = [];
    const app: Run[] = [];
    // Short alternating rounds, compared pairwise: a burst of other work on the machine spoils one
    // pair, not the figure (the median of the pairs' ratios).
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await load(bareUrl, ['/bare'], seconds / ROUNDS, bareUrl));
      app.push(await load(appUrl, paths, seconds / ROUNDS, bareUrl));
    }
    const sum = (rs: Run[], k: keyof Run) => rs.reduce((s, r) => s + r[k], 0);
    const avg = (rs: Run[], k: keyof Run) => sum(rs, k) / rs.length;
    const bareRps = avg(bare, 'rps');
    const appRps = avg(app, 'rps');
    return {
      certificates: rows,
      connections: CONNECTIONS,
      'seconds measured (each)': seconds,
      'bare Fastify JSON req/s': Math.round(bareRps),
      'bare Fastify p99 ms, per round': bare.map((r) => r.p99).join(' / '),
      'verify req/s (rate limit + recording on)': Math.round(appRps),
      'verify p50 ms, median of rounds': median(app.map((r) => r.p50)),
      'verify p99 ms (target ≤ 5), per round': app.map((a) => a.p99).join(' / '),
      'verify p99 ms, median of rounds': median(app.map((a) => a.p99)),
      'verify non-2xx / errors': `${sum(app, 'non2xx')} / ${sum(app, 'errors')}`,
      'throughput ratio, per round': app.map((a, i) => (a.rps / bare[i]!.rps).toFixed(3)).join(' / '),
      'throughput ratio (median of rounds, target ≥ 0.5)': Number(median(app.map((a, i) => a.rps / bare[i]!.rps)).toFixed(3)),
      'throughput ratio (totals)': Number((appRps / bareRps).toFixed(3)),
      'server CPU µs/request: bare / verify': `${median(bare.map((b) => b.cpuUs)).toFixed(0)} / ${median(app.map((a) => a.cpuUs)).toFixed(0)}`,
      'CPU-cost ratio bare/verify (less sensitive to load)': Number((median(bare.map((b) => b.cpuUs)) / median(app.map((a) => a.cpuUs))).toFixed(3)),
      'machine load average (1 min) at end': os.loadavg()[0]!.toFixed(1),
    };
  } finally {
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
}
