// Who is asking, without keeping who: a client is its IPv4 address or IPv6 /64, a "place" its IPv4 /24
// or IPv6 /48; both are stored only as keyed hashes (HMAC-SHA-256 under a per-installation secret).

import { createHmac } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** `::ffff:1.2.3.4` → `1.2.3.4`; anything else unchanged. */
export function unmapIPv4(ip: string): string {
  return ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
}

/** The first `groups` 16-bit groups of an IPv6 address, expanded. */
function ipv6Prefix(ip: string, groups: number): string {
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const full = ip.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return full
    .slice(0, groups)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
}

/** The client (rate limits): an IPv4 address, or an IPv6 /64 (one subscriber's usual allocation). */
export function clientOf(ip: string): string {
  const a = unmapIPv4(ip);
  return isIPv6(a) ? ipv6Prefix(a, 4) + '::/64' : a;
}

/** The place (signals): an IPv4 /24 or an IPv6 /48. */
export function placeOf(ip: string): string {
  const a = unmapIPv4(ip);
  if (isIPv4(a)) return a.split('.').slice(0, 3).join('.') + '.0/24';
  if (isIPv6(a)) return ipv6Prefix(a, 3) + '::/48';
  return a;
}

/** Addresses and CIDRs (config) as a matcher. */
export function addressMatcher(entries: string[]): (ip: string) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split('/');
    const type = isIPv4(addr!) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr!, type);
    else list.addSubnet(addr!, Number(bits), type);
  }
  return (ip: string) => {
    const a = unmapIPv4(ip);
    const type = isIPv4(a) ? 'ipv4' : isIPv6(a) ? 'ipv6' : null;
    return type !== null && list.check(a, type);
  };
}

export interface ClientIdentity {
  clientHash: string;
  placeHash: string;
}

/** Keyed hashes of client and place, cached per address (the same clients ask again and again). */
export class ClientHasher {
  private cache = new Map<string, ClientIdentity>();

  constructor(
    private secret: Buffer,
    private maxCached = 50_000,
  ) {}

  private hash(kind: string, value: string): string {
    return createHmac('sha256', this.secret).update(kind).update('\0').update(value).digest('base64url').slice(0, 22);
  }

  identify(ip: string): ClientIdentity {
    let id = this.cache.get(ip);
    if (id) return id;
    id = { clientHash: this.hash('client', clientOf(ip)), placeHash: this.hash('place', placeOf(ip)) };
    if (this.cache.size >= this.maxCached) this.cache.clear();
    this.cache.set(ip, id);
    return id;
  }
}
