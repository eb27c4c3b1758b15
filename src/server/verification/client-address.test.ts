import { describe, expect, it } from 'vitest';
import { addressMatcher, clientOf, ClientHasher, placeOf, unmapIPv4 } from './client-address.js';

describe('client and place', () => {
  it('takes IPv4 addresses as they are and IPv6 by /64', () => {
    expect(clientOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
  it('groups places by IPv4 /24 and IPv6 /48', () => {
    expect(placeOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(placeOf('2001:db8:1:2::9')).toBe('2001:db8:1::/48');
  });
  it('unmaps IPv4-mapped IPv6 only', () => {
    expect(unmapIPv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(unmapIPv4('::1')).toBe('::1');
  });
});

describe('addressMatcher', () => {
  it('matches addresses and CIDRs of both families', () => {
    const m = addressMatcher(['127.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8']);
    expect(m('127.0.0.1')).toBe(true);
    expect(m('::ffff:127.0.0.1')).toBe(true);
    expect(m('10.1.200.3')).toBe(true);
    expect(m('10.2.0.1')).toBe(false);
    expect(m('::1')).toBe(true);
    expect(m('fd12::5')).toBe(true);
    expect(m('2001:db8::1')).toBe(false);
    expect(m('not-an-ip')).toBe(false);
  });
  it('matches nothing when empty', () => {
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
  });
});

describe('ClientHasher', () => {
  it('hashes with the secret, never returning the address, one client per /64', () => {
    const h = new ClientHasher(Buffer.alloc(32, 1));
    const a = h.identify('2001:db8:1:2::1');
    const b = h.identify('2001:db8:1:2::ffff');
    expect(a.clientHash).toBe(b.clientHash);
    expect(a.clientHash).not.toContain('2001');
    expect(new ClientHasher(Buffer.alloc(32, 2)).identify('2001:db8:1:2::1').clientHash).not.toBe(a.clientHash);
    expect(h.identify('203.0.113.7').placeHash).toBe(h.identify('203.0.113.99').placeHash);
    expect(h.identify('203.0.113.7').clientHash).not.toBe(h.identify('203.0.113.99').clientHash);
  });
});
