import Fastify, { type FastifyInstance } from 'fastify';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { sendAtTurnEnd, type Sendable } from './coalesce-writes.js';

const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));

/** GET over a real loopback connection: status, content type and body. */
function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });
}

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('sendAtTurnEnd on a real HTTP server', () => {
  it('does not write the response during the turn that handles the request, and writes it whole at its end', async () => {
    const seen: Array<{ endedInTurn: boolean; bytesInTurn: number; endedAfter?: boolean }> = [];
    app = Fastify();
    app.get('/a', (_req, reply) => {
      const socket = reply.raw.socket!;
      const before = socket.bytesWritten;
      sendAtTurnEnd(reply.type('application/json; charset=utf-8'), Buffer.from('{"answer":"一致"}'));
      const s: (typeof seen)[number] = { endedInTurn: reply.raw.writableEnded, bytesInTurn: socket.bytesWritten - before };
      seen.push(s);
      setImmediate(() => (s.endedAfter = reply.raw.writableEnded));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const res = await get(port, '/a');
    expect(res).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: '{"answer":"一致"}' });
    // Corking the socket before reply.send (the first version of this module) fails here: Node's
    // ServerResponse.end() uncorks the socket and writes at once.
    expect(seen).toEqual([{ endedInTurn: false, bytesInTurn: 0, endedAfter: true }]);
  });

  it('a client gone before the turn ends costs nothing: no error, and the others of the turn are answered', async () => {
    const errors: unknown[] = [];
    const onUncaught = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      let gone: Promise<unknown> | null = null;
      app = Fastify();
      app.setErrorHandler((err, _req, reply) => {
        errors.push(err);
        return reply.code(500).send({ error: 'internal' });
      });
      app.get('/gone', (_req, reply) => {
        // The client hangs up after its request was read and before its answer leaves.
        const socket = reply.raw.socket!;
        gone = new Promise((resolve) => socket.once('close', resolve));
        socket.destroy();
        sendAtTurnEnd(reply.type('text/plain'), 'nobody reads this');
      });
      app.get('/here', (_req, reply) => sendAtTurnEnd(reply.type('text/plain'), 'here'));
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as { port: number }).port;
      const lost = get(port, '/gone').then(
        () => 'answered',
        (e: NodeJS.ErrnoException) => e.code,
      );
      expect(await get(port, '/here')).toMatchObject({ status: 200, body: 'here' });
      expect(await lost).toBe('ECONNRESET');
      await gone;
      await turnEnds();
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('answers a request sent from a later turn (after an await) with its body, not an empty one first', async () => {
    app = Fastify();
    app.get('/later', (_req, reply) => {
      void Promise.resolve()
        .then(turnEnds)
        .then(() => sendAtTurnEnd(reply.type('text/plain'), 'later'));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const answers = await Promise.all([get(port, '/later'), get(port, '/later'), get(port, '/later')]);
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, 'later'],
      [200, 'later'],
      [200, 'later'],
    ]);
  });
});

describe('sendAtTurnEnd', () => {
  /** A reply that notes when it is sent. */
  const noting = (log: string[], name: string, fail = false): Sendable => ({
    send(payload: unknown) {
      if (fail && !(payload instanceof Error)) throw new Error(`${name} cannot be sent`);
      log.push(`${name}:${payload instanceof Error ? `error ${payload.message}` : String(payload)}`);
    },
  });

  it('sends every answer of the turn at its end, in the order they were ready', async () => {
    const log: string[] = [];
    sendAtTurnEnd(noting(log, 'a'), 1);
    sendAtTurnEnd(noting(log, 'b'), 2);
    sendAtTurnEnd(noting(log, 'c'), 3);
    expect(log).toEqual([]);
    await turnEnds();
    expect(log).toEqual(['a:1', 'b:2', 'c:3']);
  });

  it('holds nothing across turns: an answer of the next turn leaves at that turn’s end', async () => {
    const log: string[] = [];
    sendAtTurnEnd(noting(log, 'a'), 1);
    await turnEnds();
    expect(log).toEqual(['a:1']);
    sendAtTurnEnd(noting(log, 'b'), 2);
    expect(log).toEqual(['a:1']);
    await turnEnds();
    expect(log).toEqual(['a:1', 'b:2']);
  });

  it('an answer that cannot be sent gets its error and keeps none of the others back', async () => {
    const log: string[] = [];
    sendAtTurnEnd(noting(log, 'a'), 1);
    sendAtTurnEnd(noting(log, 'b', true), 2);
    sendAtTurnEnd({ send: () => { throw new Error('gone'); } }, 3);
    sendAtTurnEnd(noting(log, 'c'), 4);
    await turnEnds();
    expect(log).toEqual(['a:1', 'b:error b cannot be sent', 'c:4']);
  });
});
