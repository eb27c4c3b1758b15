// Progress of this instance's running jobs. Kept here while a job runs; on PostgreSQL also written to the
// job's row as a heartbeat once a second, so that other instances can show it and tell a dead job from a
// live one. (On SQLite, a single instance by nature, the row is written when the job ends.)

const HEARTBEAT_MS = 1000;

export class LiveProgress<P extends object> {
  private readonly live = new Map<string, P>();
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly persist: ((id: string, progressJson: string) => Promise<void>) | null) {}

  update(id: string, progress: P): void {
    this.live.set(id, progress);
    if (!this.persist) return;
    const now = Date.now();
    if (now - (this.lastWrite.get(id) ?? 0) < HEARTBEAT_MS) return;
    this.lastWrite.set(id, now);
    void this.persist(id, JSON.stringify({ ...progress, heartbeat: new Date(now).toISOString() })).catch(() => undefined);
  }

  get(id: string): P | undefined {
    return this.live.get(id);
  }

  delete(id: string): void {
    this.live.delete(id);
    this.lastWrite.delete(id);
  }
}

/** A job on PostgreSQL whose heartbeat is older than this was left by an instance that died. */
export const STALE_JOB_MS = 120_000;
