// The published status list: rebuilt from the registry at most every STATUS_LIST_REFRESH_SECONDS
// (one build at a time), signed with the active key, valid for STATUS_LIST_TTL_SECONDS.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { statusRows } from './credentials.repository.js';
import type { KeyRing } from './key-ring.js';
import { signJws } from './sign.js';
import { compressStatuses, packStatuses, statusValueOf } from './status-list.js';
import { STATUS_LIST_TYP } from './token-format.js';

export interface PublishedStatusList {
  jws: string;
  iat: number;
  exp: number;
  size: number;
}

// Lists are at least this long, so a short list does not tell how few certificates carry QR codes.
const MIN_SIZE = 16_384;

export class StatusListService {
  private cached: PublishedStatusList | null = null;
  private building: Promise<PublishedStatusList> | null = null;

  constructor(
    private db: Kysely<Database>,
    private keys: KeyRing,
    private options: { uri: string; refreshSeconds: number; ttlSeconds: number },
  ) {}

  invalidate(): void {
    this.cached = null;
  }

  async current(): Promise<PublishedStatusList> {
    const now = Math.floor(Date.now() / 1000);
    if (this.cached && now - this.cached.iat < this.options.refreshSeconds) return this.cached;
    this.building ??= this.build().finally(() => (this.building = null));
    return this.building;
  }

  private async build(): Promise<PublishedStatusList> {
    const rows = await statusRows(this.db);
    let max = -1;
    for (const r of rows) if (r.idx > max) max = r.idx;
    const size = Math.max(MIN_SIZE, Math.ceil((max + 1) / 4) * 4);
    const bytes = packStatuses(
      size,
      rows.map((r) => [r.idx, statusValueOf(r.status)] as const),
    );
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.options.ttlSeconds;
    // `assigned`: indexes from here on were handed out after this list was made, so it cannot speak for them.
    const payload = { sub: this.options.uri, iat, exp, ttl: this.options.refreshSeconds, assigned: max + 1, status_list: { bits: 2, lst: await compressStatuses(bytes) } };
    const jws = await signJws(payload, STATUS_LIST_TYP, await this.keys.signer());
    this.cached = { jws, iat, exp, size };
    return this.cached;
  }
}
