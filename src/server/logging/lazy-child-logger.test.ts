import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { LazyChildLogger, lazyChildLoggerFactory } from './lazy-child-logger.js';

function appWithLines() {
  const lines: Array<Record<string, unknown>> = [];
  const children: LazyChildLogger[] = [];
  const app = Fastify({
    logger: { level: 'info', stream: { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) } },
    childLoggerFactory(logger, bindings, options, raw) {
      const child = lazyChildLoggerFactory.call(this, logger, bindings, options, raw) as unknown as LazyChildLogger;
      children.push(child);
      return child as never;
    },
  });
  return { app, lines, children };
}

describe('lazyChildLoggerFactory', () => {
  it('builds no pino child for a request that writes no line, and writes those that pass the level with the request id', async () => {
    const { app, lines, children } = appWithLines();
    app.get('/quiet', { logLevel: 'warn' }, async (req) => {
      req.log.info('below the route level');
      return { ok: true };
    });
    app.get('/loud', { logLevel: 'warn' }, async (req) => {
      req.log.warn({ n: 1 }, 'worth a line');
      return { ok: true };
    });
    app.get('/info', async () => ({ ok: true }));

    await app.inject({ url: '/quiet' });
    expect(children.map((c) => c.built)).toEqual([false]);
    expect(lines).toEqual([]);

    await app.inject({ url: '/loud' });
    expect(children[1]!.built).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'worth a line', n: 1, reqId: expect.any(String) });

    // A route at the default level still logs its request lines, bound to the request.
    await app.inject({ url: '/info' });
    expect(lines.slice(1).map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(new Set(lines.slice(1).map((l) => l.reqId)).size).toBe(1);
    await app.close();
  });

  it('reports and changes the level like the child it stands for', async () => {
    const { app, lines } = appWithLines();
    let level = '';
    app.get('/x', { logLevel: 'error' }, async (req) => {
      level = req.log.level;
      req.log.level = 'debug';
      req.log.debug('now written');
      return {};
    });
    await app.inject({ url: '/x' });
    expect(level).toBe('error');
    expect(lines.map((l) => l.msg)).toContain('now written');
    await app.close();
  });
});
