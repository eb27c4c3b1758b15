import { describe, expect, it } from 'vitest';
import { VerificationRecorder } from './recorder.js';
import { BusyError, type EventSink, type VerificationEvent } from './verification.repository.js';

const ev = (i: number): VerificationEvent => ({ at: i, channel: 'api', subject: { query: `q${i}`, result: 'no_match', certNo: null, source: null }, client: { clientHash: 'c', placeHash: 'p' } });

function sink(fail: () => Error | null = () => null) {
  const written: VerificationEvent[] = [];
  const s: EventSink = {
    write: async (events) => {
      const e = fail();
      if (e) throw e;
      written.push(...events);
    },
    prune: async () => {},
    close: async () => {},
  };
  return { s, written };
}

describe('VerificationRecorder', () => {
  it('buffers and writes in batches, in order', async () => {
    const { s, written } = sink();
    const r = new VerificationRecorder(s, { flushMs: 60_000, bufferMax: 100, retentionDays: 30 });
    for (let i = 0; i < 5; i++) r.record(ev(i));
    expect(written).toHaveLength(0);
    await r.flush();
    expect(written.map((e) => e.subject.query)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
    await r.close();
    expect(r.stats).toMatchObject({ recorded: 5, written: 5, dropped: 0 });
  });

  it('keeps a batch the database refused and writes it on the next turn', async () => {
    let busy = true;
    const { s, written } = sink(() => (busy ? new BusyError('busy') : null));
    const errors: unknown[] = [];
    const r = new VerificationRecorder(s, { flushMs: 60_000, bufferMax: 100, retentionDays: 30 }, (e) => errors.push(e));
    r.record(ev(1));
    await r.flush();
    r.record(ev(2));
    busy = false;
    await r.flush();
    expect(written.map((e) => e.subject.query)).toEqual(['q1', 'q2']);
    expect(errors).toHaveLength(0); // busy is expected, not an error
    await r.close();
  });

  it('a flush called while a write is under way also writes what was recorded after that write began', async () => {
    const written: VerificationEvent[] = [];
    let release!: () => void;
    let first = true;
    const s: EventSink = {
      write: async (events) => {
        if (first) {
          first = false;
          await new Promise<void>((resolve) => (release = resolve)); // the timer's write, still under way
        }
        written.push(...events);
      },
      prune: async () => {},
      close: async () => {},
    };
    const r = new VerificationRecorder(s, { flushMs: 60_000, bufferMax: 100, retentionDays: 30 });
    r.record(ev(1));
    const timed = r.flush(); // takes q1 and waits in the sink
    r.record(ev(2));
    const asked = r.flush();
    release();
    await Promise.all([timed, asked]);
    expect(written.map((e) => e.subject.query)).toEqual(['q1', 'q2']);
    await r.close();
  });

  it('drops the oldest past its bound and counts them', async () => {
    const { s, written } = sink();
    const r = new VerificationRecorder(s, { flushMs: 60_000, bufferMax: 3, retentionDays: 30 });
    for (let i = 0; i < 5; i++) r.record(ev(i));
    await r.close();
    expect(written.map((e) => e.subject.query)).toEqual(['q2', 'q3', 'q4']);
    expect(r.stats.dropped).toBe(2);
  });
});

describe('VerificationRecorder chunks', () => {
  it('writes a large buffer in slices and keeps only the unwritten rest after a failure', async () => {
    let calls = 0;
    const written: VerificationEvent[] = [];
    const s: EventSink = {
      write: async (events) => {
        calls++;
        if (calls === 3) throw new BusyError('busy');
        written.push(...events);
      },
      prune: async () => {},
      close: async () => {},
    };
    const r = new VerificationRecorder(s, { flushMs: 60_000, bufferMax: 10_000, retentionDays: 30 });
    for (let i = 0; i < 1000; i++) r.record(ev(i));
    await r.flush(); // slices of 250: two written, the third refused
    expect(written).toHaveLength(500);
    await r.flush();
    expect(written.map((e) => e.subject.query)).toEqual(Array.from({ length: 1000 }, (_, i) => `q${i}`));
    await r.close();
  });
});
