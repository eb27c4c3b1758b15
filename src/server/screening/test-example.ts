// Where the contract example lives, and how to compare (rule, subject) pairs, for tests.
// The example sits beside the repository: <repo>/../shared/spec/example (CI clones the same way).

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const EXAMPLE_DIR = resolve(repoRoot(), '../shared/spec/example');
export const EXAMPLE_AS_OF = '2024-12-31';

/** Differences between two sets of `rule,subject` pairs, for a readable failure message. */
export function pairDiff(expected: Iterable<string>, actual: Iterable<string>): { missing: string[]; extra: string[] } {
  const exp = new Set(expected);
  const act = new Set(actual);
  return {
    missing: [...exp].filter((p) => !act.has(p)).sort(),
    extra: [...act].filter((p) => !exp.has(p)).sort(),
  };
}

