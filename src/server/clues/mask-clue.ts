// What staff lists and details show of a clue's texts: ID numbers masked everywhere, and the names the
// clue's own records carry (screening evidence rows: `name`, `holder_name`, …) masked wherever they occur.
// Full values stay in the database and in the police package.

import { maskName, maskText, namesIn } from '../domain/masking.js';

/** Every name a JSON value carries in a name field, at any depth. */
export function namesDeep(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) namesDeep(v, out);
  else if (value && typeof value === 'object') {
    out.push(...namesIn(value as Record<string, unknown>));
    for (const v of Object.values(value)) namesDeep(v, out);
  }
  return out;
}

/** The value with name fields masked and every string's ID numbers and known names masked. */
export function maskDeep<T>(value: T, names: readonly string[]): T {
  if (typeof value === 'string') return maskText(value, names) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, names)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && namesIn({ [k]: v }).length ? maskName(v) : maskDeep(v, names)])) as T;
  return value;
}

/** A clue's or report's stored details (JSON text), parsed; null when absent or unreadable. */
export function parseDetails(details: string | null): unknown {
  if (!details) return null;
  try {
    return JSON.parse(details) as unknown;
  } catch {
    return null;
  }
}

/** Names carried by a clue's stored details (JSON text), for masking its summary and history. */
export function namesOfDetails(details: string | null): string[] {
  return namesDeep(parseDetails(details));
}
