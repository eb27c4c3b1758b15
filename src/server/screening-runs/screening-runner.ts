// Screening runs started from the console: queued, run one at a time in a worker thread, kept with their
// parameters and results.

import { randomUUID } from 'node:crypto';
import { actorById, recordScreening } from '../audit/record-jobs.js';
import type { Db, DbOptions } from '../db/database.js';
import { LiveProgress, STALE_JOB_MS } from '../jobs/live-progress.js';
import { runInWorker, SerialQueue } from '../jobs/worker-queue.js';
import type { ScreeningParams } from '../screening/params.js';
import type { RunData, RunProgress } from './screening-worker.js';
import { failInterruptedRuns, findRun, insertRun, updateRun, type ScreeningRun } from './runs.repository.js';

export class ScreeningRunner {
  private readonly queue = new SerialQueue();
  private readonly live: LiveProgress<RunProgress>;

  constructor(
    private readonly db: Db,
    private readonly dbOptions: DbOptions,
  ) {
    this.live = new LiveProgress(db.dialect === 'postgres' ? (id, progress) => updateRun(db.kysely, id, { progress }) : null);
  }

  async recoverInterrupted(): Promise<void> {
    await failInterruptedRuns(this.db.kysely, this.db.dialect === 'sqlite' ? null : new Date(Date.now() - STALE_JOB_MS).toISOString());
  }

  async submit(options: { asOf: string; params: ScreeningParams; rules: string[]; createdBy: string | null }): Promise<ScreeningRun> {
    const id = randomUUID();
    await this.db.kysely.transaction().execute(async (trx) => {
      await insertRun(trx, { id, asOf: options.asOf, params: options.params, rules: options.rules, createdBy: options.createdBy });
      const details = { asOf: options.asOf, rules: options.rules, params: options.params };
      await recordScreening(trx, await actorById(trx, options.createdBy), { action: 'screening.submitted', runId: id, details });
    });
    this.queue.push(() => this.run(id, options.createdBy));
    return (await this.get(id))!;
  }

  async get(id: string): Promise<ScreeningRun | null> {
    const run = await findRun(this.db.kysely, id);
    const live = this.live.get(id);
    if (run && live && run.status === 'running') run.progress = live;
    return run;
  }

  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  private async run(id: string, createdBy: string | null): Promise<void> {
    await updateRun(this.db.kysely, id, { status: 'running' });
    const finished = async (db: Parameters<typeof recordScreening>[0], details: Record<string, unknown>) =>
      recordScreening(db, await actorById(db, createdBy), { action: 'screening.finished', runId: id, details });
    let hitCount: number;
    try {
      ({ hitCount } = await runInWorker<{ hitCount: number }>({
        module: new URL('./screening-worker.ts', import.meta.url),
        data: { dbOptions: this.dbOptions, runId: id } satisfies RunData,
        onProgress: (p) => this.live.update(id, p as RunProgress),
      }));
    } catch (e) {
      await this.db.kysely.transaction().execute(async (trx) => {
        await updateRun(trx, id, { status: 'failed', finished_at: new Date().toISOString(), error: `筛查失败：${e instanceof Error ? e.message : String(e)}` });
        await finished(trx, { status: 'failed' });
      });
      return;
    } finally {
      this.live.delete(id);
    }
    // The worker stored the hits and the run's end in its own transaction; the entry follows it.
    await finished(this.db.kysely, { status: 'succeeded', hitCount });
  }
}
