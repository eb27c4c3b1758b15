// Concerns attach their hooks to the routes that need them (first among the route's own, once), and
// multipart bodies are read only where uploads are accepted.

import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { firstHook } from './route-hooks.js';
import { acceptUploads } from './uploads.js';

describe('firstHook', () => {
  const a = () => undefined;
  const b = () => undefined;
  const c = () => undefined;

  it('puts the hook before the route’s own, whether it has none, one or several', () => {
    expect(firstHook(a, undefined)).toEqual([a]);
    expect(firstHook(a, b)).toEqual([a, b]);
    expect(firstHook(a, [b, c])).toEqual([a, b, c]);
  });

  it('adds it once (Fastify calls onRoute again for the HEAD route it derives from a GET)', () => {
    expect(firstHook(a, firstHook(a, [b]))).toEqual([a, b]);
  });

  it('runs first on a real route, and only on the routes it was given to', async () => {
    const app = Fastify();
    const order: string[] = [];
    const concern = (_req: unknown, _reply: unknown, done: () => void) => void (order.push('concern'), done());
    app.addHook('onRoute', (route) => {
      if (route.method === 'POST') route.onRequest = firstHook(concern, route.onRequest);
    });
    const own = (_req: unknown, _reply: unknown, done: () => void) => void (order.push('own'), done());
    app.post('/x', { onRequest: own }, async () => ({ ok: true }));
    app.get('/y', { onRequest: own }, async () => ({ ok: true }));
    await app.inject({ method: 'POST', url: '/x', payload: {} });
    expect(order).toEqual(['concern', 'own']);
    order.length = 0;
    await app.inject('/y');
    expect(order).toEqual(['own']);
    await app.close();
  });
});

describe('acceptUploads', () => {
  it('reads multipart bodies in the scopes that accept uploads and refuses them elsewhere (415)', async () => {
    const app = Fastify();
    await app.register(async (scope) => {
      await acceptUploads(scope);
      scope.post('/upload', async (req) => {
        const file = await req.file();
        return { name: file?.filename, bytes: (await file!.toBuffer()).length };
      });
    });
    await app.register(async (scope) => {
      scope.post('/other', async () => ({ ok: true }));
    });
    const boundary = 'certguardboundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名册.csv"\r\nContent-Type: text/csv\r\n\r\n姓名\r\n--${boundary}--\r\n`;
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const up = await app.inject({ method: 'POST', url: '/upload', headers, payload: body });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ name: '名册.csv', bytes: Buffer.byteLength('姓名') });
    const other = await app.inject({ method: 'POST', url: '/other', headers, payload: body });
    expect(other.statusCode).toBe(415);
    await app.close();
  });
});
