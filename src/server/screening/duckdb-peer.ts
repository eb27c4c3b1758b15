// The 14 rules of contract §3 again, as plain SQL in DuckDB: an independent peer for the benchmark
// (time ratio) and a cross-check of the TypeScript rules. It shares no rule code with them; only the
// loading of the dataset arrays (through appenders) is JavaScript. Interpretations match the comments
// above each rule in rules/ (see there for the contract wording).

import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { todayCst } from '../domain/dates.js';
import type { Dataset } from '../domain/records.js';
import { resolveParams, type ScreeningParams, type ScreeningParamsInput } from './params.js';
import { RULE_IDS, compareStrings, type RuleId } from './types.js';

export interface PeerOptions {
  asOf?: string;
  params?: ScreeningParamsInput;
  rules?: readonly string[];
  /** DuckDB worker threads; default DuckDB's own (all cores). */
  threads?: number;
}

export interface PeerTimings {
  loadMs: number;
  rules: Array<{ rule: RuleId; ms: number; hits: number }>;
  queryMs: number;
}

type Column = [name: string, type: 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'DOUBLE' | 'BOOLEAN' | 'INTEGER'];

const TABLES: Record<string, Column[]> = {
  enterprises: [['uscc', 'VARCHAR'], ['license_no', 'VARCHAR'], ['license_expires', 'DATE'], ['license_status', 'VARCHAR']],
  certificates: [
    ['rid', 'INTEGER'], ['cert_no', 'VARCHAR'], ['source', 'VARCHAR'], ['category', 'VARCHAR'], ['id_no', 'VARCHAR'],
    ['employer_uscc', 'VARCHAR'], ['issued', 'DATE'], ['expires', 'DATE'], ['status', 'VARCHAR'],
  ],
  staffing: [
    ['rid', 'INTEGER'], ['project_no', 'VARCHAR'], ['contractor_uscc', 'VARCHAR'], ['id_no', 'VARCHAR'], ['cert_no', 'VARCHAR'],
    ['start', 'DATE'], ['end', 'DATE'],
  ],
  social_insurance: [['id_no', 'VARCHAR'], ['employer_uscc', 'VARCHAR'], ['month', 'VARCHAR']],
  changes: [['id_no', 'VARCHAR'], ['to_uscc', 'VARCHAR'], ['date', 'DATE']],
  training: [['class_no', 'VARCHAR'], ['id_no', 'VARCHAR'], ['category', 'VARCHAR'], ['start', 'TIMESTAMP'], ['end', 'TIMESTAMP'], ['hours', 'DOUBLE']],
  exams: [
    ['sitting_no', 'VARCHAR'], ['id_no', 'VARCHAR'], ['category', 'VARCHAR'], ['start', 'TIMESTAMP'], ['submitted', 'TIMESTAMP'],
    ['passed', 'BOOLEAN'], ['answers_hash', 'VARCHAR'],
  ],
};

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** One SQL query per rule, each returning the column `subject`. */
function ruleSql(asOf: string, p: ScreeningParams): Record<RuleId, string> {
  const AS_OF = `DATE ${q(asOf)}`;
  const eps = 1e-9;
  const minHours = `CASE category ${Object.entries(p.minTrainingHours)
    .map(([c, h]) => `WHEN ${q(c)} THEN ${h}`)
    .join(' ')} END`;
  // Staffing with its last covered day and whether it is open (contract §3).
  const S = `(SELECT *, coalesce("end", ${AS_OF}) AS last, ("end" IS NULL OR "end" >= ${AS_OF}) AS open FROM staffing)`;
  return {
    R01: `SELECT DISTINCT s.cert_no AS subject FROM staffing s
          WHERE s.cert_no <> '' AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.cert_no = s.cert_no)`,
    R02: `SELECT DISTINCT s.cert_no AS subject FROM staffing s
          WHERE s.cert_no <> '' AND EXISTS (SELECT 1 FROM certificates c WHERE c.cert_no = s.cert_no)
            AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.cert_no = s.cert_no AND c.id_no = s.id_no)`,
    R03: `WITH j AS (
            SELECT s.rid, s.cert_no, c.id_no = s.id_no AS held,
                   NOT (s.last > c.expires OR (s.open AND c.status <> '有效')) AS ok
            FROM ${S} s JOIN certificates c ON c.cert_no = s.cert_no WHERE s.cert_no <> '')
          SELECT DISTINCT cert_no AS subject FROM (
            SELECT cert_no FROM j GROUP BY rid, cert_no
            HAVING CASE WHEN bool_or(held) THEN NOT bool_or(ok AND held) ELSE NOT bool_or(ok) END)`,
    R04: `WITH s AS ${S}
          SELECT DISTINCT a.cert_no AS subject FROM s a JOIN s b
            ON a.cert_no = b.cert_no AND a.project_no <> b.project_no AND a.rid < b.rid
          WHERE a.cert_no <> '' AND greatest(a.start, b.start) <= least(a.last, b.last)`,
    R05: `WITH w AS (
            SELECT DISTINCT id_no, employer_uscc, month FROM social_insurance
            WHERE month >= strftime(date_trunc('month', ${AS_OF}) - INTERVAL ${p.insuranceLookbackMonths} MONTH, '%Y-%m')
              AND month <= strftime(date_trunc('month', ${AS_OF}) - INTERVAL 1 MONTH, '%Y-%m')),
          paid AS (SELECT id_no, count(DISTINCT month) AS months FROM w GROUP BY id_no)
          SELECT DISTINCT c.cert_no AS subject FROM certificates c JOIN paid USING (id_no)
          WHERE c.category IN ('A', 'B', 'C1', 'C2', 'C3') AND paid.months >= ${p.insuranceMinPaidMonths}
            AND NOT EXISTS (SELECT 1 FROM w WHERE w.id_no = c.id_no AND w.employer_uscc = c.employer_uscc)`,
    R06: `WITH m AS (SELECT DISTINCT id_no, date, to_uscc FROM changes WHERE id_no <> ''),
          o AS (SELECT id_no, date, lead(date, ${Math.max(p.frequentChangesMin - 1, 0)}) OVER (PARTITION BY id_no ORDER BY date) AS later FROM m)
          SELECT DISTINCT id_no AS subject FROM o WHERE later IS NOT NULL AND later - date < ${p.frequentChangesWindowDays}`,
    R07: `WITH c AS (
            SELECT * FROM certificates
            WHERE source = '' AND issued >= (SELECT min(CAST(start AS DATE)) FROM training)),
          h AS (
            SELECT c.rid, c.cert_no, c.category, coalesce(sum(t.hours), 0) AS hours
            FROM c LEFT JOIN training t ON t.id_no = c.id_no AND t.category = c.category
              AND CAST(t.start AS DATE) BETWEEN c.issued - ${p.trainingWindowDays} AND c.issued
            GROUP BY c.rid, c.cert_no, c.category)
          SELECT DISTINCT cert_no AS subject FROM h WHERE hours < ${minHours} - ${eps}`,
    R08: `SELECT DISTINCT a.id_no AS subject FROM training a JOIN training b
            ON a.id_no = b.id_no AND a.class_no < b.class_no AND a.start < b."end" AND b.start < a."end"
          WHERE a.id_no <> ''
          UNION
          SELECT id_no FROM training WHERE id_no <> '' GROUP BY id_no, CAST(start AS DATE)
          HAVING sum(hours) > ${p.maxHoursPerDay} + ${eps}`,
    R09: `SELECT DISTINCT class_no AS subject FROM training
          WHERE hours * ${p.minutesPerStudyHour * 60} > epoch("end") - epoch(start) + ${p.hoursTolerance * p.minutesPerStudyHour * 60} + 1e-6`,
    R10: `SELECT DISTINCT c.cert_no AS subject FROM certificates c
          WHERE c.source = '' AND c.issued >= (SELECT min(CAST(start AS DATE)) FROM exams)
            AND NOT EXISTS (
              SELECT 1 FROM exams x WHERE x.passed AND x.id_no = c.id_no AND x.category = c.category
                AND CAST(x.submitted AS DATE) BETWEEN c.issued - ${p.examWindowDays} AND c.issued)`,
    R11: `SELECT sitting_no AS subject FROM exams
          WHERE passed AND answers_hash IS NOT NULL AND answers_hash <> ''
          GROUP BY sitting_no, answers_hash HAVING count(*) >= ${p.identicalAnswersMin}
          UNION
          SELECT sitting_no FROM exams WHERE passed AND epoch(submitted) - epoch(start) < ${p.fastPassMinutes * 60}
          GROUP BY sitting_no HAVING count(*) >= ${p.fastPassesMin}`,
    R12: `WITH tz AS (
            SELECT cert_no, issued, birth FROM (
              SELECT cert_no, issued, CAST(try_strptime(substr(id_no, 7, 8), '%Y%m%d') AS DATE) AS birth
              FROM certificates WHERE category = 'TZ' AND length(id_no) = 18)
            WHERE birth IS NOT NULL AND year(birth) >= 1800)
          SELECT cert_no AS subject FROM tz WHERE years_on(birth, issued) < ${p.minAge}
          UNION
          SELECT tz.cert_no FROM tz JOIN staffing s ON s.cert_no = tz.cert_no
          WHERE years_on(birth, s.start) >= ${p.maxAge}`,
    R13: `WITH ids AS (
            SELECT id_no FROM certificates WHERE source = '' AND id_no <> ''
            UNION SELECT id_no FROM staffing WHERE id_no <> '')
          SELECT id_no AS subject FROM ids
          WHERE NOT (
            regexp_full_match(id_no, '[0-9]{17}[0-9X]')
            AND try_strptime(substr(id_no, 7, 8), '%Y%m%d') IS NOT NULL
            AND CAST(substr(id_no, 7, 4) AS INTEGER) >= 1800
            AND substr('10X98765432',
                  CAST(1 + list_sum([CAST(substr(id_no, i, 1) AS INTEGER) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]
                                     for i in range(1, 18)]) % 11 AS BIGINT), 1) = substr(id_no, 18, 1))`,
    R14: `SELECT DISTINCT s.contractor_uscc AS subject FROM ${S} s LEFT JOIN enterprises e ON e.uscc = s.contractor_uscc
          WHERE e.uscc IS NULL OR e.license_no IS NULL OR e.license_no = ''
             OR (e.license_expires IS NOT NULL AND e.license_expires < s.last)
             OR (s.open AND e.license_status IS DISTINCT FROM '有效')`,
  };
}

/** A dataset loaded into an in-memory DuckDB, ready to be screened (possibly several times). */
export class DuckDbPeer {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
    readonly loadMs: number,
  ) {}

  static async load(dataset: Dataset, options: { threads?: number } = {}): Promise<DuckDbPeer> {
    const t0 = performance.now();
    const config: Record<string, string> = {};
    if (options.threads) config.threads = String(options.threads);
    const instance = await DuckDBInstance.create(':memory:', config);
    const con = await instance.connect();
    for (const [table, cols] of Object.entries(TABLES)) {
      await con.run(`CREATE TABLE ${table} (${cols.map(([n, t]) => `"${n}" ${t}`).join(', ')})`);
    }
    await con.run(
      `CREATE MACRO years_on(b, d) AS year(d) - year(b) - CASE WHEN strftime(d, '%m-%d') < strftime(b, '%m-%d') THEN 1 ELSE 0 END`,
    );
    await append(con, 'enterprises', dataset.enterprises, (a, r) => {
      a.appendVarchar(r.uscc);
      str(a, r.license_no);
      str(a, r.license_expires);
      str(a, r.license_status);
    });
    await append(con, 'certificates', dataset.certificates, (a, r, i) => {
      a.appendInteger(i);
      a.appendVarchar(r.cert_no);
      a.appendVarchar(r.source);
      a.appendVarchar(r.category);
      a.appendVarchar(r.id_no);
      str(a, r.employer_uscc);
      a.appendVarchar(r.issued);
      a.appendVarchar(r.expires);
      a.appendVarchar(r.status);
    });
    await append(con, 'staffing', dataset.staffing, (a, r, i) => {
      a.appendInteger(i);
      a.appendVarchar(r.project_no);
      a.appendVarchar(r.contractor_uscc);
      a.appendVarchar(r.id_no);
      a.appendVarchar(r.cert_no);
      a.appendVarchar(r.start);
      str(a, r.end);
    });
    await append(con, 'social_insurance', dataset.social_insurance, (a, r) => {
      a.appendVarchar(r.id_no);
      a.appendVarchar(r.employer_uscc);
      a.appendVarchar(r.month);
    });
    await append(con, 'changes', dataset.changes, (a, r) => {
      a.appendVarchar(r.id_no);
      a.appendVarchar(r.to_uscc);
      a.appendVarchar(r.date);
    });
    await append(con, 'training', dataset.training, (a, r) => {
      a.appendVarchar(r.class_no);
      a.appendVarchar(r.id_no);
      a.appendVarchar(r.category);
      a.appendVarchar(r.start);
      a.appendVarchar(r.end);
      a.appendDouble(r.hours);
    });
    await append(con, 'exams', dataset.exams, (a, r) => {
      a.appendVarchar(r.sitting_no);
      a.appendVarchar(r.id_no);
      a.appendVarchar(r.category);
      a.appendVarchar(r.start);
      a.appendVarchar(r.submitted);
      a.appendBoolean(r.passed);
      str(a, r.answers_hash);
    });
    return new DuckDbPeer(instance, con, performance.now() - t0);
  }

  /** The (rule, subject) pairs, sorted by rule then subject, and how long each query took. */
  async screen(options: Omit<PeerOptions, 'threads'> = {}): Promise<{ pairs: Array<{ rule: RuleId; subject: string }>; timings: PeerTimings }> {
    const asOf = options.asOf ?? todayCst();
    const sql = ruleSql(asOf, resolveParams(options.params));
    const wanted = options.rules ? new Set(options.rules.map((r) => r.trim().toUpperCase())) : null;
    const pairs: Array<{ rule: RuleId; subject: string }> = [];
    const timings: PeerTimings = { loadMs: this.loadMs, rules: [], queryMs: 0 };
    for (const rule of RULE_IDS) {
      if (wanted && !wanted.has(rule)) continue;
      const t0 = performance.now();
      const reader = await this.con.runAndReadAll(sql[rule]);
      const subjects = [...new Set(reader.getColumns()[0] ?? [])].map(String).sort(compareStrings);
      const ms = performance.now() - t0;
      timings.rules.push({ rule, ms, hits: subjects.length });
      timings.queryMs += ms;
      for (const subject of subjects) pairs.push({ rule, subject });
    }
    return { pairs, timings };
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}

/** Screens a dataset with the SQL peer: load, run the rules, close. */
export async function screenWithDuckDb(
  dataset: Dataset,
  options: PeerOptions & { onTimings?: (t: PeerTimings) => void } = {},
): Promise<Array<{ rule: RuleId; subject: string }>> {
  const peer = await DuckDbPeer.load(dataset, { threads: options.threads });
  try {
    const { pairs, timings } = await peer.screen(options);
    options.onTimings?.(timings);
    return pairs;
  } finally {
    peer.close();
  }
}

function str(a: DuckDBAppender, v: string | null): void {
  if (v === null || v === undefined) a.appendNull();
  else a.appendVarchar(v);
}

async function append<T>(con: DuckDBConnection, table: string, rows: readonly T[], appendRow: (a: DuckDBAppender, row: T, i: number) => void) {
  const a = await con.createAppender(table);
  for (let i = 0; i < rows.length; i++) {
    appendRow(a, rows[i]!, i);
    a.endRow();
  }
  a.closeSync();
}
