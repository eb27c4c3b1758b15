// The CLI end to end on a messy generated dataset folder (GBK and UTF-8 CSV, XLSX, mixed date styles,
// full-width digits, lower-case x, status codes, English headers): every row imported, none rejected;
// a second import changes nothing; the one-shot screening finds exactly what the generator injected.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHitsCsv } from '../../src/server/screening/hits-csv.js';

const BIN = fileURLToPath(new URL('../../bin/certguard.mjs', import.meta.url));
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'certguard-cli-'));
const env = { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'silent' };
const certguard = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, maxBuffer: 16 << 20 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  files: Array<{ file: string; kind: string; status: string; read: number; inserted: number; updated: number; unchanged: number; rejected: unknown[] }>;
}

describe('certguard CLI on a messy dataset folder', () => {
  const folder = join(dir, 'dataset');

  it('writes a messy dataset folder', async () => {
    await certguard('seed', '--out', folder, '--messy', '--as-of', '2024-12-31', '--seed', '7');
    const names = readFileSync(join(folder, 'injected.csv'), 'utf8');
    expect(names.split('\n').length).toBeGreaterThan(14);
  });

  it('imports every row and rejects none; the second import inserts and updates nothing', async () => {
    await certguard('import', folder, '--report', join(dir, 'r1.json'));
    const first = JSON.parse(readFileSync(join(dir, 'r1.json'), 'utf8')) as Report;
    expect(first.files.map((f) => f.kind).sort()).toEqual(['certificates', 'changes', 'enterprises', 'exams', 'external_certificates', 'social_insurance', 'staffing', 'training']);
    for (const f of first.files) {
      expect(f.rejected, f.file).toEqual([]);
      expect(f.status, f.file).toBe('imported');
      expect(f.read, f.file).toBeGreaterThan(0);
      expect(f.inserted + f.updated, f.file).toBe(f.read);
    }
    await certguard('import', folder, '--report', join(dir, 'r2.json'));
    const second = JSON.parse(readFileSync(join(dir, 'r2.json'), 'utf8')) as Report;
    for (const f of second.files) expect(f, f.file).toMatchObject({ inserted: 0, updated: 0, unchanged: f.read, rejected: [] });
  });

  it('screens the folder one-shot to exactly the injected hits', async () => {
    const out = join(dir, 'hits.csv');
    await certguard('screen', '--data', folder, '--as-of', '2024-12-31', '--out', out);
    const hits = parseHitsCsv(readFileSync(out, 'utf8').replace(/^\ufeff/, '')).map((h) => `${h.rule},${h.subject}`);
    const injected = parseHitsCsv(readFileSync(join(folder, 'injected.csv'), 'utf8').replace(/^\ufeff/, '')).map((h) => `${h.rule},${h.subject}`);
    expect(new Set(injected).size).toBeGreaterThanOrEqual(14);
    expect(hits.sort()).toEqual([...new Set(injected)].sort());
  });
});
