// npm run bench: every benchmark the issues ask for, each measured against its peer in the same run.

import { parseArgs } from 'node:util';
import type { Config } from '../src/config.js';

type Section = { name: string; run: () => Promise<Record<string, number | string>> };

function print(name: string, figures: Record<string, number | string>) {
  console.log(`\n## ${name}`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}

export async function runBench(_config: Config, args: string[]): Promise<number> {
  if (args[0] === 'screen-child') {
    const { screenChild } = await import('./screening-bench.js');
    await screenChild(args[1]!, args[2] as 'ours' | 'duckdb');
    return 0;
  }
  if (args[0] === 'import-child') {
    const { importChild } = await import('./import-bench.js');
    await importChild(args[1]!, args[2]!);
    return 0;
  }
  if (args[0] === 'verification-server') {
    const { verificationServer } = await import('./verification-bench.js');
    await verificationServer(args[1]!);
    return -1; // serves until the benchmark closes its stdin
  }
  if (args[0] === 'verification-load') {
    const { verificationLoad } = await import('./verification-bench.js');
    await verificationLoad();
    return -1; // runs loads until the benchmark closes its stdin
  }
  const { values } = parseArgs({ args, options: { only: { type: 'string' }, rows: { type: 'string' }, seconds: { type: 'string' }, scale: { type: 'string' } } });
  const scale = values.scale ? (/^\d+$/.test(values.scale) ? Number(values.scale) : (values.scale as 'small' | 'province')) : undefined;
  const sections: Section[] = [
    {
      name: 'import (issue #2): 1M certificate rows from CSV',
      run: async () => (await import('./import-bench.js')).benchImport(values.rows ? Number(values.rows) : undefined),
    },
    {
      name: 'verification (issue #3): public verify at 50 connections against 1M certificates',
      run: async () => (await import('./verification-bench.js')).benchVerification(values.rows ? Number(values.rows) : undefined, values.seconds ? Number(values.seconds) : undefined),
    },
    {
      name: 'roster (issue #3): 10,000-row roster from Excel in to Excel out',
      run: async () => (await import('./roster-bench.js')).benchRoster(values.rows ? Number(values.rows) : undefined),
    },
    {
      name: 'screening precision/recall (issue #4): generated data, every rule',
      run: async () => (await import('./screening-bench.js')).benchPrecisionRecall(),
    },
    {
      name: 'screening speed (issue #4): province scale from SQLite, DuckDB SQL peer',
      run: async () => (await import('./screening-bench.js')).benchProvince(scale),
    },
  ];
  for (const s of sections) {
    if (values.only && !values.only.split(',').some((o) => s.name.startsWith(o.trim()))) continue;
    const t0 = Date.now();
    print(s.name, await s.run());
    console.log(`  (section took ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return 0;
}
