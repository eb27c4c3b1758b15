// Import jobs submitted from the console: queued, run one at a time in a worker thread, progress
// reported while they run, the report kept with the job.

import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db, DbOptions } from '../db/database.js';
import type { ImportInput, ImportProgress } from '../import/import-files.js';
import type { ImportReport } from '../import/report.js';
import { failInterruptedJobs, findJob, insertJob, updateJob, type ImportJob } from './jobs.repository.js';

const HEARTBEAT_MS = 1000;
/** On PostgreSQL another instance's job counts as interrupted when its heartbeat is this old. */
const STALE_MS = 120_000;

export interface SubmittedFile extends ImportInput {
  name: string;
}

export class ImportJobRunner {
  private queue: Array<{ id: string; files: SubmittedFile[]; cleanupDir: string | null }> = [];
  private running = false;
  /** Live progress of this instance's running job (on SQLite it is kept here, not written mid-import). */
  private live = new Map<string, ImportProgress>();
  private idle: Array<() => void> = [];

  constructor(
    private readonly db: Db,
    private readonly dbOptions: DbOptions,
  ) {}

  async recoverInterrupted(): Promise<number> {
    const cutoff = this.db.dialect === 'sqlite' ? null : new Date(Date.now() - STALE_MS).toISOString();
    return failInterruptedJobs(this.db.kysely, cutoff);
  }

  async submit(files: SubmittedFile[], createdBy: string | null, cleanupDir: string | null = null): Promise<ImportJob> {
    const id = randomUUID();
    await insertJob(this.db.kysely, { id, fileNames: files.map((f) => f.name), createdBy });
    this.queue.push({ id, files, cleanupDir });
    void this.pump();
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
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.run(next);
    } finally {
      this.running = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async run(job: { id: string; files: SubmittedFile[]; cleanupDir: string | null }): Promise<void> {
    const db = this.db.kysely;
    const persistProgress = this.db.dialect === 'postgres';
    await updateJob(db, job.id, { status: 'running' });
    let lastWrite = 0;
    try {
      const report = await new Promise<ImportReport>((resolve, reject) => {
        const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
          workerData: { dbOptions: this.dbOptions, inputs: job.files },
          // Parsing makes many short-lived strings: a larger young generation halves GC time.
          resourceLimits: { maxYoungGenerationSizeMb: 96 },
        });
        worker.on('message', (m: { type: string; progress?: ImportProgress; report?: ImportReport; message?: string }) => {
          if (m.type === 'progress' && m.progress) {
            this.live.set(job.id, m.progress);
            const now = Date.now();
            if (persistProgress && now - lastWrite >= HEARTBEAT_MS) {
              lastWrite = now;
              void updateJob(db, job.id, { progress: JSON.stringify({ ...m.progress, heartbeat: new Date(now).toISOString() }) }).catch(() => undefined);
            }
          } else if (m.type === 'done') resolve(m.report!);
          else if (m.type === 'error') reject(new Error(m.message));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`导入进程异常退出（代码 ${code}）`));
        });
      });
      const p = this.live.get(job.id);
      await updateJob(db, job.id, {
        status: 'succeeded',
        finished_at: new Date().toISOString(),
        report: JSON.stringify(report),
        progress: p ? JSON.stringify({ ...p, bytesRead: p.bytesTotal }) : null,
      });
    } catch (e) {
      await updateJob(db, job.id, { status: 'failed', finished_at: new Date().toISOString(), error: `导入失败：${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.live.delete(job.id);
      if (job.cleanupDir) rmSync(job.cleanupDir, { recursive: true, force: true });
    }
  }
}

export type { DbOptions };
