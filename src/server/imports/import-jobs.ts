// Import jobs submitted from the console: queued, run one at a time in a worker thread (jobs/), progress
// reported while they run, the report kept with the job.

import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Db, DbOptions } from '../db/database.js';
import type { ImportInput, ImportProgress } from '../import/import-files.js';
import type { ImportReport } from '../import/report.js';
import { actorById, recordImportCompleted, recordImportFailed } from '../audit/record-jobs.js';
import { LiveProgress, STALE_JOB_MS } from '../jobs/live-progress.js';
import { runInWorker, SerialQueue } from '../jobs/worker-queue.js';
import { failInterruptedJobs, findJob, insertJob, updateJob, type ImportJob } from './jobs.repository.js';


export interface SubmittedFile extends ImportInput {
  name: string;
}

export class ImportJobRunner {
  private readonly queue = new SerialQueue();
  private readonly live: LiveProgress<ImportProgress>;

  constructor(
    private readonly db: Db,
    private readonly dbOptions: DbOptions,
  ) {
    this.live = new LiveProgress(db.dialect === 'postgres' ? (id, progress) => updateJob(db.kysely, id, { progress }) : null);
  }

  async recoverInterrupted(): Promise<number> {
    const cutoff = this.db.dialect === 'sqlite' ? null : new Date(Date.now() - STALE_JOB_MS).toISOString();
    return failInterruptedJobs(this.db.kysely, cutoff);
  }

  async submit(files: SubmittedFile[], createdBy: string | null, cleanupDir: string | null = null): Promise<ImportJob> {
    const id = randomUUID();
    await insertJob(this.db.kysely, { id, fileNames: files.map((f) => f.name), createdBy });
    this.queue.push(() => this.run({ id, files, cleanupDir, createdBy }));
    return (await this.get(id))!;
  }

  async get(id: string): Promise<ImportJob | null> {
    const job = await findJob(this.db.kysely, id);
    const live = this.live.get(id);
    if (job && live && job.status === 'running') job.progress = live;
    return job;
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  private async run(job: { id: string; files: SubmittedFile[]; cleanupDir: string | null; createdBy: string | null }): Promise<void> {
    const db = this.db.kysely;
    await updateJob(db, job.id, { status: 'running' });
    try {
      const report = await runInWorker<ImportReport>({
        module: new URL('./import-worker.ts', import.meta.url),
        data: { dbOptions: this.dbOptions, inputs: job.files },
        onProgress: (p) => this.live.update(job.id, p as ImportProgress),
      });
      const p = this.live.get(job.id);
      // The job's end and its audit entry (counts, no contents) commit together.
      await db.transaction().execute(async (trx) => {
        await updateJob(trx, job.id, {
          status: 'succeeded',
          finished_at: new Date().toISOString(),
          report: JSON.stringify(report),
          progress: p ? JSON.stringify({ ...p, bytesRead: p.bytesTotal }) : null,
        });
        await recordImportCompleted(trx, await actorById(trx, job.createdBy), { via: 'console', jobId: job.id, report });
      });
    } catch (e) {
      await db.transaction().execute(async (trx) => {
        await updateJob(trx, job.id, { status: 'failed', finished_at: new Date().toISOString(), error: `导入失败：${e instanceof Error ? e.message : String(e)}` });
        await recordImportFailed(trx, await actorById(trx, job.createdBy), { jobId: job.id });
      });
    } finally {
      this.live.delete(job.id);
      if (job.cleanupDir) rmSync(job.cleanupDir, { recursive: true, force: true });
    }
  }
}
