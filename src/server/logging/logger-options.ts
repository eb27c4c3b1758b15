// The application's logger (Fastify's pino): structured JSON lines that never carry personal data.
//
// Three layers, because one is never enough when someone adds a log line in a hurry:
// 1. serializers: a request is logged as method, path and id (never its query string or body);
// 2. values under known personal-data and credential keys (idNo, name, holder, cookie, …) are
//    replaced: by pino's `redact` in the first three levels, and at any depth by `formatters.log`;
// 3. a safety net over every finished line: anything shaped like a resident ID number (GB 11643,
//    18 characters with a plausible birth date) or a mainland mobile number is masked, and the query
//    string of any API path is dropped — whatever key, message, error or stack it arrived in.

import type { FastifyServerOptions } from 'fastify';

type PinoOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Where log lines go: pino's destination shape (stdout, a file stream, a test's capture). */
export interface LogDestination {
  write(line: string): void;
}

/** Keys whose values are personal data wherever they appear in a logged object. */
export const PERSONAL_KEYS = [
  'idNo',
  'id_no',
  'idNumber',
  'id_number',
  'name',
  'holder',
  'holderName',
  'holder_name',
  'displayName',
  'display_name',
  'personName',
  'phone',
  'mobile',
] as const;

/** Credentials: never logged either (busboy, for one, logs the request headers at trace level). */
export const SECRET_KEYS = ['password', 'newPassword', 'secret', 'pin', 'token', 'cookie', 'set-cookie', 'authorization'] as const;

const SENSITIVE_KEYS = new Set<string>([...PERSONAL_KEYS, ...SECRET_KEYS]);

export const REDACTED = '[已脱敏]';

function redactPaths(): string[] {
  const paths: string[] = [];
  // (Keys that are not identifiers, like set-cookie, are left to redactDeep.)
  for (const key of SENSITIVE_KEYS) if (/^[A-Za-z_]\w*$/.test(key)) paths.push(key, `*.${key}`, `*.*.${key}`);
  // Query strings and bodies, should anything ever log a request whole.
  paths.push('req.query', 'req.body');
  return paths;
}

/**
 * A copy of a logged object with the values of sensitive keys replaced, at any depth. Walks plain
 * objects and arrays only: class instances (requests, replies, errors) are left to their serializers
 * and to the line-level net.
 */
export function redactDeep(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  const isArray = Array.isArray(value);
  if (!isArray && proto !== Object.prototype && proto !== null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (isArray) return value.map((v) => redactDeep(v, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SENSITIVE_KEYS.has(key) ? REDACTED : redactDeep(v, seen);
  return out;
}

// A resident ID number: 6-digit region, birth date 18xx–20xx, 3-digit sequence, check character.
const ID_NUMBER = String.raw`[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]`;
const MOBILE = String.raw`1[3-9]\d{9}`;
const SENSITIVE = new RegExp(String.raw`(?<![0-9A-Za-z])(?:${ID_NUMBER}|${MOBILE})(?![0-9A-Za-z])`, 'g');
const API_QUERY = /(\/api\/[^\s"?]*)\?[^\s"]*/g;

/** Masks one number: an ID keeps its first 3 and last 4 characters, a mobile its first 3 and last 4. */
function maskNumber(s: string): string {
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** Which offsets of a JSON line lie inside a string literal. */
function stringRanges(line: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (start >= 0 && c === '\\') i++;
    else if (c === '"') {
      if (start < 0) start = i;
      else {
        ranges.push([start, i]);
        start = -1;
      }
    }
  }
  return ranges;
}

/**
 * The safety net over a finished log line (JSON): masks ID and mobile numbers and drops API query
 * strings. A bare JSON number that looks like a mobile number becomes a masked string, so the line
 * stays valid JSON. Lines without anything to mask are returned as they are.
 */
export function maskLogLine(line: string): string {
  let out = line.includes('/api/') && line.includes('?') ? line.replace(API_QUERY, '$1?[已省略]') : line;
  SENSITIVE.lastIndex = 0;
  if (!SENSITIVE.test(out)) return out;
  const ranges = stringRanges(out);
  const inString = (at: number) => ranges.some(([a, b]) => at > a && at < b);
  out = out.replace(SENSITIVE, (m: string, offset: number) => (inString(offset) ? maskNumber(m) : `"${maskNumber(m)}"`));
  return out;
}

/** A destination that masks every line before it reaches `target`. */
export function maskingDestination(target: LogDestination = process.stdout): LogDestination {
  return {
    write(line: string) {
      target.write(maskLogLine(line));
    },
  };
}

interface RequestLike {
  method: string;
  url: string;
  id: string;
}

// Personal data never reaches the logs: request logs carry method, path and status only.
export const serializers = {
  req: (req: RequestLike) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/** Logger options for Fastify (and any pino logger of ours): level, serializers, redaction, masked destination. */
export function loggerOptions(level: string, destination?: LogDestination): PinoOptions {
  return {
    level,
    serializers,
    redact: { paths: redactPaths(), censor: REDACTED },
    formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> },
    stream: maskingDestination(destination),
  };
}
