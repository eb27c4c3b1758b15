// recordWebsite: check a reported URL against the official register, keep the result, and for a look-alike
// found by staff (manual entry) open a clue on the website. Tips open their clue themselves, naming the
// website among their subjects.

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { openClue } from '../clues/clues.repository.js';
import { checkWebsite, VERDICT_TEXT, type LookalikeResult } from './lookalike.js';
import { insertReportedWebsite, officialHosts } from './websites.repository.js';

/** The register plus this installation's own public address (the department's verification site). */
export async function officialHostList(db: Transaction<Database> | Kysely<Database>, publicBaseUrl: string): Promise<string[]> {
  const hosts = await officialHosts(db);
  try {
    const own = new URL(publicBaseUrl).hostname;
    if (own.includes('.') && !/^[\d.]+$/.test(own)) hosts.push(own);
  } catch {
    // a malformed base URL is refused at start-up; nothing to add
  }
  return hosts;
}

export interface RecordWebsiteOptions {
  url: string;
  source: 'tip' | 'manual';
  tipId: string | null;
  region: string;
  createdBy: string | null;
  /** Manual entries open a clue when the site looks like an imitation. */
  openClueIfLookalike: boolean;
}

export async function recordWebsite(
  trx: Transaction<Database>,
  publicBaseUrl: string,
  o: RecordWebsiteOptions,
): Promise<{ id: string; result: LookalikeResult; clueId: string | null }> {
  const result = checkWebsite(o.url, await officialHostList(trx, publicBaseUrl));
  let clueId: string | null = null;
  if (o.openClueIfLookalike && result.verdict === 'lookalike') {
    const clue = await openClue(trx, {
      source: 'manual',
      subjects: [{ kind: 'website', value: o.url }],
      summary: `${VERDICT_TEXT.lookalike}网站：${result.host}`,
      region: o.region,
      details: { lookalike: result },
      createdBy: o.createdBy,
    });
    clueId = clue.id;
  }
  const id = randomUUID();
  await insertReportedWebsite(trx, {
    id,
    url: o.url.trim().slice(0, 2000),
    host: result.host,
    verdict: result.verdict,
    reasons: JSON.stringify(result.reasons),
    source: o.source,
    tip_id: o.tipId,
    clue_id: clueId,
    region: o.region,
    created_at: new Date().toISOString(),
    created_by: o.createdBy,
  });
  return { id, result, clueId };
}
