import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { holdUntilTurnEnds } from './coalesce-writes.js';

const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A connected pair of real TCP sockets on loopback: the server's end and the client's. */
async function socketPair(): Promise<{ server: Server; ours: Socket; theirs: Socket }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection');
  const theirs = connect((server.address() as { port: number }).port, '127.0.0.1');
  await once(theirs, 'connect');
  const [ours] = (await accepted) as [Socket];
  return { server, ours, theirs };
}

const open: Array<{ server: Server; ours: Socket; theirs: Socket }> = [];
afterEach(() => {
  for (const p of open.splice(0)) {
    p.ours.destroy();
    p.theirs.destroy();
    p.server.close();
  }
});

describe('holdUntilTurnEnds', () => {
  it('holds what is written until the end of the turn, then sends it', async () => {
    const pair = await socketPair();
    open.push(pair);
    holdUntilTurnEnds(pair.ours);
    pair.ours.write('answer');
    // Corked: the bytes wait in the socket's buffer, not in the kernel.
    expect(pair.ours.writableCorked).toBe(1);
    expect(pair.ours.writableLength).toBe('answer'.length);
    await turnEnds();
    expect(pair.ours.writableCorked).toBe(0);
    const [data] = (await once(pair.theirs, 'data')) as [Buffer];
    expect(data.toString()).toBe('answer');
  });

  it('releases every socket held in the turn together, and a socket held twice twice', async () => {
    const pairs = [await socketPair(), await socketPair(), await socketPair()];
    open.push(...pairs);
    for (const p of pairs) holdUntilTurnEnds(p.ours);
    holdUntilTurnEnds(pairs[0]!.ours); // two pipelined requests on one connection
    for (const p of pairs) p.ours.write('x');
    expect(pairs.map((p) => p.ours.writableCorked)).toEqual([2, 1, 1]);
    await turnEnds();
    expect(pairs.map((p) => p.ours.writableCorked)).toEqual([0, 0, 0]);
  });

  it('holds nothing across turns: a socket held in the next turn is released at that turn’s end', async () => {
    const pair = await socketPair();
    open.push(pair);
    holdUntilTurnEnds(pair.ours);
    await turnEnds();
    expect(pair.ours.writableCorked).toBe(0);
    holdUntilTurnEnds(pair.ours);
    expect(pair.ours.writableCorked).toBe(1);
    await turnEnds();
    expect(pair.ours.writableCorked).toBe(0);
  });

  it('leaves alone what is not a live socket (app.inject’s stand-in, a destroyed socket, none)', async () => {
    const pair = await socketPair();
    open.push(pair);
    pair.ours.destroy();
    expect(() => holdUntilTurnEnds(pair.ours)).not.toThrow();
    expect(pair.ours.writableCorked).toBe(0);
    expect(() => holdUntilTurnEnds({})).not.toThrow();
    expect(() => holdUntilTurnEnds(null)).not.toThrow();
    expect(() => holdUntilTurnEnds(undefined)).not.toThrow();
    await turnEnds();
  });
});
