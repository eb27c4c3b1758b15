import { describe, expect, it } from 'vitest';
import { maskLogLine, maskingDestination, redactDeep, REDACTED } from './logger-options.js';

describe('the log safety net', () => {
  it('masks resident ID numbers anywhere in a line, keeping the first 3 and last 4 characters', () => {
    const line = JSON.stringify({ msg: 'no such person 11010519491231002X', err: { stack: 'Error: 510104198003155012 at x' } });
    const out = maskLogLine(line);
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('510104198003155012');
    expect(out).toContain('110***********002X');
    expect(out).toContain('510***********5012');
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('masks mobile numbers, turning a bare JSON number into a masked string', () => {
    const out = maskLogLine('{"msg":"call 13812345678","phone":13987654321,"n":1}');
    expect(JSON.parse(out)).toEqual({ msg: 'call 138****5678', phone: '139****4321', n: 1 });
  });

  it('leaves look-alikes alone: timestamps, hashes, credit codes, impossible birth dates, longer digit runs', () => {
    const line = JSON.stringify({
      time: 1764143059123,
      hash: 'a1b2c3110105194912310021ff',
      uscc: '91510100MA6C1A2B3X',
      n: '123456789012345678',
      long: '5101041980031550123',
      seq: 13812,
    });
    expect(maskLogLine(line)).toBe(line);
  });

  it('drops the query string of API paths', () => {
    const out = maskLogLine('{"msg":"Route GET:/api/public/verify?name=%E5%BC%A0%E4%B8%89&certNo=1 not found"}');
    expect(out).toBe('{"msg":"Route GET:/api/public/verify?[已省略] not found"}');
  });

  it('masks every line written through the destination', () => {
    const lines: string[] = [];
    maskingDestination({ write: (l) => lines.push(l) }).write('{"msg":"11010519491231002X"}\n');
    expect(lines).toEqual(['{"msg":"110***********002X"}\n']);
  });

  it('replaces sensitive keys at any depth in plain objects and arrays, leaving instances to serializers', () => {
    const req = new (class Req {
      url = '/x';
    })();
    const input = { rows: [{ cert: { holderName: '张三', no: 'C1' } }], headers: { cookie: 's=1', 'set-cookie': 'x' }, req, n: 1 };
    const out = redactDeep(input) as typeof input;
    expect(out).toEqual({ rows: [{ cert: { holderName: REDACTED, no: 'C1' } }], headers: { cookie: REDACTED, 'set-cookie': REDACTED }, req, n: 1 });
    expect(out.req).toBe(req);
    expect(input.rows[0]!.cert.holderName).toBe('张三');
  });
});
