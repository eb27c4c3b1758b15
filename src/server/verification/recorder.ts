// Every verification is recorded, off the answer's path: the handler appends to a buffer, a timer
// writes the buffer in one transaction. A busy or failing database keeps the events for the next
// turn; past the buffer's bound the oldest are dropped and counted, never the answer delayed.

import { BusyError, type EventSink, type VerificationEvent } from './verification.repository.js';

export interface RecorderOptions {
  flushMs: number;
  bufferMax: number;
  retentionDays: number;
}

export interface RecorderStats {
  recorded: number;
  written: number;
  dropped: number;
  pending: number;
  failures: number;
}

const DAY_MS = 86_400_000;
// Rows per write: an embedded-SQLite write blocks the event loop, so a large buffer is written in
// slices with a turn of the event loop between them (answers keep flowing during a flush).
const CHUNK = 250;

export class VerificationRecorder {
  private buffer: VerificationEvent[] = [];
  private timer: NodeJS.Timeout;
  private writing: Promise<void> | null = null;
  private lastPrune = 0;
  readonly stats: RecorderStats = { recorded: 0, written: 0, dropped: 0, pending: 0, failures: 0 };

  constructor(
    private sink: EventSink,
    private options: RecorderOptions,
    private onError: (e: unknown) => void = () => {},
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushMs);
    this.timer.unref();
  }

  record(event: VerificationEvent): void {
    this.stats.recorded++;
    if (this.buffer.length >= this.options.bufferMax) {
      // Drop the oldest tenth at once, so a long outage does not cost a shift per request.
      const n = Math.max(1, Math.floor(this.options.bufferMax / 10));
      this.buffer.splice(0, n);
      this.stats.dropped += n;
    }
    this.buffer.push(event);
  }

  /**
   * Write what is buffered now. A write already under way holds only the events taken before it
   * started, so wait for it first, then write the rest (callers — close, tests, the benchmark's probe —
   * count on every event recorded before the call being written when it resolves).
   */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = (async () => {
      let done = 0;
      try {
        while (done < batch.length) {
          const slice = batch.length <= CHUNK ? batch : batch.slice(done, done + CHUNK);
          await this.sink.write(slice);
          done += slice.length;
          this.stats.written += slice.length;
          if (done < batch.length) await new Promise((resolve) => setImmediate(resolve));
        }
        if (Date.now() - this.lastPrune > 3_600_000) {
          this.lastPrune = Date.now();
          await this.sink.prune(new Date(Date.now() - this.options.retentionDays * DAY_MS).toISOString());
        }
      } catch (e) {
        this.stats.failures++;
        // Put the unwritten rest back in front of what arrived meanwhile, within the bound.
        const merged = batch.slice(done).concat(this.buffer);
        const over = merged.length - this.options.bufferMax;
        if (over > 0) this.stats.dropped += over;
        this.buffer = over > 0 ? merged.slice(over) : merged;
        if (!(e instanceof BusyError)) this.onError(e);
      } finally {
        this.writing = null;
        this.stats.pending = this.buffer.length;
      }
    })();
    return this.writing;
  }

  /** Flush until empty (tries for at most `timeoutMs`), then stop. */
  async close(timeoutMs = 10_000): Promise<void> {
    clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    while ((this.buffer.length || this.writing) && Date.now() < deadline) {
      await this.flush();
      if (this.buffer.length) await new Promise((r) => setTimeout(r, 20));
    }
    await this.sink.close();
  }
}
