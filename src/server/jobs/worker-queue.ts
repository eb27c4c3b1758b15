// Background jobs that run one at a time in a worker thread: CPU-heavy or lock-holding work (imports,
// screening runs) stays off the event loop, and the server's own database writes can wait for an import's
// lock without freezing it. Workers report progress; the queue relays it.

import { Worker } from 'node:worker_threads';

export interface WorkerTask<Result> {
  /** URL of a module exporting `run(data, report): Promise<Result>`. */
  module: URL;
  data: unknown;
  onProgress?: (progress: unknown) => void;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Run one task in a fresh worker thread. */
export function runInWorker<Result>(task: WorkerTask<Result>): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    const worker = new Worker(ENTRY, {
      workerData: { module: task.module.href, data: task.data },
      // Parsing and screening make many short-lived objects: a larger young generation halves GC time.
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    let settled = false;
    worker.on('message', (m: { type: 'progress' | 'done' | 'error'; progress?: unknown; result?: Result; message?: string }) => {
      if (m.type === 'progress') task.onProgress?.(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result as Result);
      } else if (m.type === 'error') {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`后台任务异常退出（代码 ${code}）`));
    });
  });
}

/** A FIFO of jobs run one after another. */
export class SerialQueue {
  private queue: Array<() => Promise<void>> = [];
  private running = false;
  private idle: Array<() => void> = [];

  push(job: () => Promise<void>): void {
    this.queue.push(job);
    void this.pump();
  }

  whenIdle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await next().catch(() => undefined);
    } finally {
      this.running = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
