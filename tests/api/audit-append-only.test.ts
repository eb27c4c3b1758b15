// The application has no code path that updates or deletes audit entries: a scan of src/ for Kysely
// updates/deletes of audit_log, raw UPDATE/DELETE/TRUNCATE/REPLACE SQL on it, upserts into it, and
// writes to it from anywhere but audit-log.ts. (The database refuses such statements too: triggers,
// see audit-tamper.test.ts.)

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
const APPEND_MODULE = 'src/server/audit/audit-log.ts';
const MIGRATIONS = 'src/server/db/migrations/';

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* sourceFiles(path);
    } else if (/\.(ts|tsx|mts|js|mjs|sql)$/.test(entry.name)) yield path;
  }
}

// The table name as a Kysely argument ('audit_log', "audit_log as a", `audit_log`) or in raw SQL.
const TABLE_ARG = String.raw`\(\s*['"\`]audit_log(?:\s+as\s+\w+)?['"\`]`;
const RULES: Array<{ what: string; pattern: RegExp; allowedIn?: (file: string) => boolean }> = [
  { what: 'Kysely updateTable(audit_log)', pattern: new RegExp(String.raw`updateTable\s*` + TABLE_ARG) },
  { what: 'Kysely deleteFrom(audit_log)', pattern: new RegExp(String.raw`deleteFrom\s*` + TABLE_ARG) },
  { what: 'Kysely replaceInto(audit_log)', pattern: new RegExp(String.raw`replaceInto\s*` + TABLE_ARG) },
  { what: 'raw UPDATE audit_log', pattern: /\bupdate\s+(?:only\s+)?["`]?audit_log\b/i },
  { what: 'raw DELETE FROM audit_log', pattern: /\bdelete\s+from\s+(?:only\s+)?["`]?audit_log\b/i },
  { what: 'raw TRUNCATE audit_log', pattern: /\btruncate\s+(?:table\s+)?(?:only\s+)?["`]?audit_log\b/i },
  { what: 'raw REPLACE INTO audit_log', pattern: /\b(?:or\s+)?replace\s+into\s+["`]?audit_log\b/i },
  // Only the append module writes entries, and never as an upsert.
  { what: 'insert into audit_log outside audit-log.ts', pattern: new RegExp(String.raw`insertInto\s*` + TABLE_ARG + '|\\binsert\\s+into\\s+["`]?audit_log\\b', 'i'), allowedIn: (f) => f === APPEND_MODULE },
  // Dropping the table or its guards is for down-migrations only, which the application never runs.
  { what: 'dropping audit_log or its triggers', pattern: /dropTable\s*\(\s*['"`]audit_log['"`]|\bdrop\s+(?:table|trigger)\b[^;`]*audit_log|disable\s+trigger/i, allowedIn: (f) => f.startsWith(MIGRATIONS) },
];

function findViolations(file: string, text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (const rule of RULES) {
    if (rule.allowedIn?.(file)) continue;
    // Match across line breaks (a chained call split over lines), report the line it starts on.
    const flags = rule.pattern.flags.includes('g') ? rule.pattern.flags : rule.pattern.flags + 'g';
    for (const m of text.matchAll(new RegExp(rule.pattern.source, flags))) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push(`${file}:${line}: ${rule.what}: ${lines[line - 1]!.trim()}`);
    }
  }
  return out;
}

describe('the audit log is append-only in the code', () => {
  it('finds the forbidden shapes (the scan itself can fail)', () => {
    const samples = [
      "await db.updateTable('audit_log').set({ action: 'x' }).execute();",
      'await trx.deleteFrom("audit_log as a").where("a.seq", "=", 1).execute();',
      'await sql`UPDATE audit_log SET details = ${d} WHERE seq = ${s}`.execute(db);',
      "db.exec('delete from \"audit_log\" where seq > 10')",
      'await sql`truncate table audit_log`.execute(db);',
      "conn.prepare('INSERT OR REPLACE INTO audit_log VALUES (?)')",
      "await db.insertInto('audit_log').values(row).execute();",
      'await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);',
    ];
    for (const s of samples) expect(findViolations('src/server/somewhere.ts', s), s).toHaveLength(1);
    expect(findViolations(APPEND_MODULE, samples[6]!)).toEqual([]);
    expect(findViolations('src/server/x.ts', "db.updateTable('audit_head').set({ seq: 1 })")).toEqual([]);
    expect(findViolations('src/server/x.ts', "db.selectFrom('audit_log').selectAll()")).toEqual([]);
  });

  it('src/ has no code path that updates or deletes audit entries', () => {
    const violations: string[] = [];
    let scanned = 0;
    for (const path of sourceFiles(SRC)) {
      const file = relative(ROOT, path).split('\\').join('/');
      if (file.endsWith('.test.ts')) continue;
      scanned++;
      violations.push(...findViolations(file, readFileSync(path, 'utf8')));
    }
    expect(scanned).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });

  it('the append module appends and moves the head, nothing else', () => {
    const text = readFileSync(join(ROOT, APPEND_MODULE), 'utf8');
    expect(text).toMatch(/insertInto\('audit_log'\)/);
    expect(text).not.toMatch(/onConflict/);
  });
});
