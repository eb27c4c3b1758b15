// Public verification throughput and latency: GET /api/public/verify at 50 connections against 1M
// certificates, with rate limiting and recording on, beside a bare Fastify JSON route measured in the
// same run by the same load generator.
//
// Three processes: this one (builds the fixture, orchestrates, reads the figures), the server (the real
// app and the bare Fastify, in one process) and the load generator. The generator is wrk (C, from
// Debian's `wrk` package) when installed, else autocannon (BENCH_LOAD=autocannon forces it). On a
// machine with two or more CPUs:
// - wrk: the server's main thread (the event loop every request goes through) has CPU 0 to itself;
//   its other threads (V8's GC helpers, the verification-event writer, libuv) and wrk share CPU 1.
// - autocannon needs a whole CPU of its own (it is JavaScript), so the whole server is on CPU 0 and
//   autocannon on CPU 1.
// The same arrangement serves the bare route and verify alike. Latency percentiles come from every
// response's own duration (wrk: microseconds; autocannon's own histogram keeps whole milliseconds,
// too coarse for a 5 ms target, so they are computed here from its response events).

import autocannon from 'autocannon';
import Fastify from 'fastify';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { importFiles } from '../src/server/import/import-files.js';
import { verificationServiceOf } from '../src/server/verification/verification-service.js';
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

/** The server child: the real app (rate limits and recording on; the load generator's address allow-listed) and a bare Fastify. */
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
  const { app, ctx } = await buildApp({ db, config, logger: { level: 'info', stream: { write: () => undefined } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const svc = await verificationServiceOf(ctx, app.log);
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ result: 'ok' }));
  // Event-loop delay: how long a ready request can wait behind work already running (the tail's cause).
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  // CPU time of this process (both servers, every thread), the answer cache's counts and the event
  // loop's delay since the previous probe, read around each run.
  bare.get('/__cpu', async () => {
    const delay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    loopDelay.reset();
    await svc.recorder.flush();
    const { recorded, written, dropped } = svc.recorder.stats;
    return { ...process.cpuUsage(), cache: { hits: svc.answers.stats.hits, misses: svc.answers.stats.misses, resets: svc.answers.stats.resets }, delay, recorder: { recorded, written, dropped } };
  });
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

interface LoadJob {
  url: string;
  pathsFile: string;
  seconds: number;
  /** Go on where the previous run of this list stopped (else start at its first query, as each round did before). */
  resume: boolean;
}

interface LoadResult {
  total: number;
  rps: number;
  /** Milliseconds, from every 2xx response's own duration. */
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

/** The load-generator child: one autocannon run per line of JSON on stdin, one line of JSON out. */
export async function verificationLoad(): Promise<void> {
  const paths = new Map<string, string[]>();
  // Where each list goes on from in the next run (a list is walked once round before any query repeats).
  const next = new Map<string, number>();
  let lat = new Float64Array(1 << 20);
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const job = JSON.parse(line) as LoadJob;
    let ps = paths.get(job.pathsFile);
    if (!ps) paths.set(job.pathsFile, (ps = JSON.parse(readFileSync(job.pathsFile, 'utf8')) as string[]));
    const list = ps;
    let i = job.resume ? (next.get(job.pathsFile) ?? 0) : 0;
    let n = 0;
    let done!: (r: autocannon.Result) => void;
    let failed!: (e: unknown) => void;
    const finished = new Promise<autocannon.Result>((resolve, reject) => ((done = resolve), (failed = reject)));
    const instance = autocannon(
      {
        url: job.url,
        connections: CONNECTIONS,
        duration: job.seconds,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: list[i++ % list.length]! }) }],
      },
      (err, result) => (err ? failed(err) : done(result)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status < 200 || status > 299) return;
      if (n === lat.length) {
        const bigger = new Float64Array(lat.length * 2);
        bigger.set(lat);
        lat = bigger;
      }
      lat[n++] = ms;
    });
    const r = await finished;
    next.set(job.pathsFile, i % list.length);
    const sorted = lat.subarray(0, n).sort();
    const pct = (p: number) => (n ? sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)]! : NaN);
    const out: LoadResult = { total: r.requests.total, rps: r.requests.total / job.seconds, p50: pct(50), p99: pct(99), max: n ? sorted[n - 1]! : NaN, non2xx: r.non2xx, errors: r.errors };
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  process.exit(0);
}

// wrk's script: requests walk a list of paths (one per line) from a given index; the summary is one
// line of JSON (latencies in microseconds).
const WRK_SCRIPT = `
local paths, n, i = {}, 0, 0
init = function(args)
  for line in io.lines(args[1]) do n = n + 1; paths[n] = line end
  i = tonumber(args[2])
end
request = function()
  local p = paths[(i % n) + 1]
  i = i + 1
  return wrk.format("GET", p)
end
done = function(s, lat)
  io.write(string.format('{"requests":%d,"us":%d,"p50":%d,"p99":%d,"max":%d,"non2xx":%d,"errors":%d}\\n',
    s.requests, s.duration, lat:percentile(50), lat:percentile(99), lat.max, s.errors.status,
    s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout))
end
`;

/** One wrk run; `start` is the index of the first path. */
function wrkRun(prefix: string[], script: string, url: string, pathsFile: string, start: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const argv = [...prefix, 'wrk', '-t1', `-c${CONNECTIONS}`, `-d${Math.max(1, Math.round(seconds))}s`, '-s', script, url, '--', pathsFile, String(start)];
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) return reject(new Error(`wrk exited ${code}: ${out}`));
      const r = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; max: number; non2xx: number; errors: number };
      resolve({ total: r.requests, rps: r.requests / (r.us / 1e6), p50: r.p50 / 1000, p99: r.p99 / 1000, max: r.max / 1000, non2xx: r.non2xx, errors: r.errors });
    });
  });
}

const hasWrk = () => process.env.BENCH_LOAD !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined;

/** `taskset -c CPU` when the machine has a CPU for the server and one for the generator. */
function pinning(wrk: boolean): { server: string[]; load: string[]; threads: boolean; note: string } {
  const cpus = os.availableParallelism();
  const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  if (cpus >= 2 && hasTaskset && wrk)
    return { server: ['taskset', '-c', '0'], load: ['taskset', '-c', '1'], threads: true, note: "server's event loop on CPU 0; its other threads and wrk on CPU 1 (taskset)" };
  if (cpus >= 2 && hasTaskset) return { server: ['taskset', '-c', '0'], load: ['taskset', '-c', '1'], threads: false, note: 'server on CPU 0, load generator on CPU 1 (taskset)' };
  return { server: [], load: [], threads: false, note: `not pinned (${cpus} CPU${cpus === 1 ? '' : 's'}${hasTaskset ? '' : ', no taskset'})` };
}

/** The server's main thread on CPU 0, every other thread of it on CPU 1 (threads started since are caught on the next call). */
function pinThreads(pid: number): void {
  for (const tid of readdirSync(`/proc/${pid}/task`)) spawnSync('taskset', ['-p', '-c', Number(tid) === pid ? '0' : '1', tid], { stdio: 'ignore' });
}

function spawnPinned(prefix: string[], args: string[]): ChildProcess {
  const argv = [...prefix, process.execPath, ...args];
  return spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
}

/** Lines of JSON from a child's stdout, one promise at a time. */
function lines(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: Array<(l: string) => void> = [];
  let exited: Error | null = null;
  const rejecters: Array<(e: Error) => void> = [];
  let buf = '';
  child.stdout!.on('data', (d) => {
    buf += d;
    let k;
    while ((k = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, k);
      buf = buf.slice(k + 1);
      if (!l.startsWith('{')) continue;
      const w = waiting.shift();
      rejecters.shift();
      if (w) w(l);
      else queue.push(l);
    }
  });
  child.once('exit', (code) => {
    exited = new Error(`bench child exited ${code}`);
    for (const r of rejecters.splice(0)) r(exited);
  });
  return () =>
    new Promise((resolve, reject) => {
      const l = queue.shift();
      if (l !== undefined) return resolve(l);
      if (exited) return reject(exited);
      waiting.push(resolve);
      rejecters.push(reject);
    });
}

interface Run extends LoadResult {
  /** Server CPU microseconds per request (whole server process). */
  cpuUs: number;
  /** Share of verify answers served from the answer cache. */
  hitRate: number;
  /** Times the answer cache was emptied (another connection committed to the database). */
  resets: number;
  /** The server's event-loop delay during the run, ms (monitorEventLoopDelay, 1 ms resolution). */
  loopP99: number;
  loopMax: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f2 = (x: number) => x.toFixed(2);

export async function benchVerification(rows = 1_000_000, seconds = 18): Promise<Record<string, number | string>> {
  // BENCH_VERIFY_DATA_DIR: a data directory holding an already built fixture of `rows` certificates (to iterate quickly).
  const dataDir = process.env.BENCH_VERIFY_DATA_DIR || (await certificateDataDir(rows));
  // 9 in 10 queries match a certificate (by number and name); 1 in 10 give a wrong name.
  // "repeating": 20,000 queries, each run starting again at the first (the answer cache holds them);
  // "distinct": 400,000 other queries, none asked twice within a run (no cache hit: the lookup path).
  const queries = (n: number, offset: number) => {
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      const i = Math.floor(((k + offset) * 7919) % rows);
      const r = certificateRow(i);
      const name = k % 10 === 9 ? '错名' : r[3]!;
      out.push(`/api/public/verify?certNo=${encodeURIComponent(r[0]!)}&name=${encodeURIComponent(name)}`);
    }
    return out;
  };
  const paths = queries(20_000, 0);
  const work = mkdtempSync(join(tmpdir(), 'certguard-bench-load-'));
  const verifyPaths = join(work, 'verify.json');
  const distinctPaths = join(work, 'distinct.json');
  const barePaths = join(work, 'bare.json');
  const distinctList = queries(Math.min(400_000, rows - 20_000), 20_000);
  const wrk = hasWrk();
  // autocannon's child reads JSON arrays, wrk's script lines.
  const list = (xs: string[]) => (wrk ? xs.join('\n') + '\n' : JSON.stringify(xs));
  writeFileSync(verifyPaths, list(paths));
  writeFileSync(distinctPaths, list(distinctList));
  writeFileSync(barePaths, list(['/bare']));
  const script = join(work, 'paths.lua');
  writeFileSync(script, WRK_SCRIPT);

  const pin = pinning(wrk);
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server (e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile it).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const server = spawnPinned(pin.server, ['--max-semi-space-size=48', ...extra, BIN, 'bench', 'verification-server', dataDir]);
  const load = wrk ? null : spawnPinned(pin.load, [BIN, 'bench', 'verification-load']);
  const fromServer = lines(server);
  const fromLoad = load ? lines(load) : null;
  // wrk: where the distinct list goes on from (no query asked twice across runs).
  let distinctNext = 0;
  try {
    const ports = JSON.parse(await fromServer()) as { app: number; bare: number };
    const bareUrl = `http://127.0.0.1:${ports.bare}`;
    const appUrl = `http://127.0.0.1:${ports.app}`;
    const first = (await (await fetch(appUrl + paths[0])).json()) as { result: string };
    if (first.result === 'no_match') throw new Error(`verification bench: expected a match, got ${JSON.stringify(first)}`);
    const probe = async () =>
      (await (await fetch(`${bareUrl}/__cpu`)).json()) as {
        user: number;
        system: number;
        cache: { hits: number; misses: number; resets: number };
        delay: { p99: number; max: number };
        recorder: { recorded: number; written: number; dropped: number };
      };
    const generate = async (url: string, pathsFile: string, secs: number): Promise<LoadResult> => {
      if (!load) {
        if (pin.threads) pinThreads(server.pid!);
        const start = pathsFile === distinctPaths ? distinctNext : 0;
        const r = await wrkRun(pin.load, script, url, pathsFile, start, secs);
        // Requests still in flight when the run ended were sent too: skip past them.
        if (pathsFile === distinctPaths) distinctNext = (start + r.total + CONNECTIONS) % distinctList.length;
        return r;
      }
      load.stdin!.write(JSON.stringify({ url, pathsFile, seconds: secs, resume: pathsFile === distinctPaths } satisfies LoadJob) + '\n');
      return JSON.parse(await fromLoad!()) as LoadResult;
    };
    const run = async (url: string, pathsFile: string, secs: number): Promise<Run> => {
      const a = await probe();
      const r = await generate(url, pathsFile, secs);
      const b = await probe();
      const lookups = b.cache.hits - a.cache.hits + b.cache.misses - a.cache.misses;
      return {
        ...r,
        cpuUs: (b.user + b.system - a.user - a.system) / Math.max(1, r.total),
        hitRate: lookups ? (b.cache.hits - a.cache.hits) / lookups : 0,
        resets: b.cache.resets - a.cache.resets,
        loopP99: b.delay.p99,
        loopMax: b.delay.max,
      };
    };
    // Warm-up (JIT of server and generator, SQLite page cache), then short alternating rounds compared
    // pairwise: a burst of other work on the machine spoils one pair, not the figure (medians).
    for (let w = 0; w < 2; w++) {
      await run(bareUrl, barePaths, 3);
      await run(appUrl, verifyPaths, 4);
      await run(appUrl, distinctPaths, 3);
    }
    const rounds = Math.max(1, Math.round(seconds / 3));
    const each = seconds / rounds;
    const bare: Run[] = [];
    const app: Run[] = [];
    const distinct: Run[] = [];
    const loads: number[] = [];
    for (let round = 0; round < rounds; round++) {
      bare.push(await run(bareUrl, barePaths, each));
      app.push(await run(appUrl, verifyPaths, each));
      distinct.push(await run(appUrl, distinctPaths, each));
      loads.push(os.loadavg()[0]!);
    }
    const m = (rs: Run[], k: keyof Run) => median(rs.map((r) => r[k]));
    const per = (rs: Run[], k: keyof Run) => rs.map((r) => f2(r[k])).join(' / ');
    const sum = (rs: Run[], k: keyof Run) => rs.reduce((s, r) => s + r[k], 0);
    const ratio = (rs: Run[]) => rs.map((a, i) => a.rps / bare[i]!.rps);
    const busy = (rs: Run[]) => ((m(rs, 'cpuUs') * m(rs, 'rps')) / 1e6).toFixed(2);
    return {
      certificates: rows,
      connections: CONNECTIONS,
      'load generator': wrk ? 'wrk (C), 1 thread' : 'autocannon (Node.js)',
      pinning: pin.note,
      rounds: `${rounds} × ${each} s each, alternating bare / verify / verify-distinct, after ${2 * 10} s of warm-up; figures are medians of rounds`,
      'bare Fastify JSON req/s': Math.round(m(bare, 'rps')),
      'bare p50 / p99 ms': `${f2(m(bare, 'p50'))} / ${f2(m(bare, 'p99'))}`,
      'bare p99 ms, per round': per(bare, 'p99'),
      'verify req/s (rate limit + recording on; 20,000 repeating queries)': Math.round(m(app, 'rps')),
      'verify answer-cache hit rate (cache emptied, per round)': `${f2(m(app, 'hitRate'))} (${app.map((r) => r.resets).join(' / ')})`,
      'verify p50 / p99 ms (p99 target ≤ 5)': `${f2(m(app, 'p50'))} / ${f2(m(app, 'p99'))}`,
      'verify p99 ms, per round': per(app, 'p99'),
      'verify p99 ms': Number(f2(m(app, 'p99'))),
      // Side by side: a closed loop of 50 connections waits ≈ 50 × the server's time per request, so
      // the bare route's own p99 is the floor any route of this server can reach in this run.
      'p99 ratio verify / bare, per round': app.map((a, i) => (a.p99 / bare[i]!.p99).toFixed(2)).join(' / '),
      'p99 ratio verify / bare': Number(median(app.map((a, i) => a.p99 / bare[i]!.p99)).toFixed(2)),
      'throughput ratio verify / bare, per round': ratio(app).map((r) => r.toFixed(3)).join(' / '),
      'throughput ratio verify / bare (target ≥ 0.5)': Number(median(ratio(app)).toFixed(3)),
      'verify-distinct req/s (no query asked twice: no cache hits)': Math.round(m(distinct, 'rps')),
      'verify-distinct answer-cache hit rate': f2(m(distinct, 'hitRate')),
      'verify-distinct p50 / p99 ms': `${f2(m(distinct, 'p50'))} / ${f2(m(distinct, 'p99'))}`,
      'verify-distinct p99 ms, per round': per(distinct, 'p99'),
      'throughput ratio verify-distinct / bare': Number(median(ratio(distinct)).toFixed(3)),
      'verify + verify-distinct non-2xx / errors': `${sum(app, 'non2xx') + sum(distinct, 'non2xx')} / ${sum(app, 'errors') + sum(distinct, 'errors')}`,
      'server CPU µs/request: bare / verify / verify-distinct': `${m(bare, 'cpuUs').toFixed(1)} / ${m(app, 'cpuUs').toFixed(1)} / ${m(distinct, 'cpuUs').toFixed(1)}`,
      'server event-loop delay p99 / max ms: bare | verify | verify-distinct': [bare, app, distinct].map((rs) => `${f2(m(rs, 'loopP99'))} / ${f2(m(rs, 'loopMax'))}`).join(' | '),
      'server CPU busy (share of its CPU): bare / verify / verify-distinct': `${busy(bare)} / ${busy(app)} / ${busy(distinct)}`,
      'machine load average (1 min), per round': loads.map((l) => l.toFixed(1)).join(' / '),
      // Every verification answered must be in the events table (recording on means on).
      'verifications recorded / written / dropped': await probe().then(({ recorder: r }) => `${r.recorded} / ${r.written} / ${r.dropped}`),
    };
  } finally {
    load?.stdin!.end();
    server.stdin!.end();
    await Promise.all([server, load].map((c) => (c && c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    rmSync(work, { recursive: true, force: true });
  }
}
