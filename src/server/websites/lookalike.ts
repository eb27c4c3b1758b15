// Is a reported URL one of the official sites, or made to look like one (仿冒政府网站)? Pure: the URL and
// the register of official hosts in, a verdict with reasons out.
//
// Checks, in order: the official register (and its subdomains); a genuine gov.cn host not on the register;
// homoglyph folding (Cyrillic/Greek look-alikes, full-width forms, 0↔o, 1↔l↔i, rn↔m, vv↔w; punycode
// `xn--` labels decoded first) equal to an official host; Levenshtein distance ≤ 2 to an official host;
// gov.cn imitations (sc-gov.cn, gov.cn.xyz, gov-cn.com); official names (mohurd, zlaq, jst…) in a
// domain that is not gov.cn.

import { domainToUnicode } from 'node:url';
import type { WebsiteVerdict } from './verdicts.js';

export { VERDICT_TEXT, type WebsiteVerdict } from './verdicts.js';

export interface LookalikeResult {
  /** The host as the browser shows it (punycode decoded). */
  host: string;
  verdict: WebsiteVerdict;
  reasons: string[];
  /** The official host it imitates, if any. */
  imitates: string | null;
}

// Letters from other scripts that render like Latin ones (Unicode confusables, the ones seen in phishing).
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ɡ: 'g', ո: 'n', ս: 'u',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  ı: 'i', ł: 'l', ß: 'ss',
};

/** The shape a host shows a reader: everything that looks alike folds to one form. */
export function skeleton(host: string): string {
  let s = host.normalize('NFKC').toLowerCase();
  s = Array.from(s, (ch) => CONFUSABLES[ch] ?? ch).join('');
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''); // accents: é → e
  return s
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/0/g, 'o')
    .replace(/[1il|]/g, 'l')
    .replace(/5/g, 's')
    .replace(/_/g, '-');
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** The host of what someone reported: a URL with or without a scheme. Null when it is not one. */
export function hostOf(reported: string): string | null {
  const raw = reported.trim();
  if (!raw || /\s/.test(raw)) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (!['http:', 'https:'].includes(u.protocol) || !u.hostname.includes('.')) return null;
    const ascii = u.hostname.replace(/\.$/, '').toLowerCase();
    // WHATWG URL hands back punycode (xn--) for non-ASCII names: show them as a reader would see them.
    return domainToUnicode(ascii) || ascii;
  } catch {
    return null;
  }
}

const within = (host: string, domain: string) => host === domain || host.endsWith('.' + domain);
const withoutWww = (h: string) => h.replace(/^www\./, '');

// Names that belong to the housing ministry and the department; in any domain but gov.cn they imitate.
const OFFICIAL_WORDS = ['mohurd', 'zlaq', 'jst-sc', 'jstsc', 'scjst', 'sczjt', 'zhujianting', 'zhujianbu', 'zfcxjst'];

export function checkWebsite(reported: string, officialHosts: readonly string[]): LookalikeResult {
  const host = hostOf(reported);
  if (!host) return { host: reported.trim().slice(0, 200), verdict: 'invalid', reasons: ['不是有效的网址'], imitates: null };
  const officials = officialHosts.map((h) => h.toLowerCase());
  const exact = officials.find((o) => within(host, o));
  if (exact) return { host, verdict: 'official', reasons: [host === exact ? '与官方网站名录一致' : `属于官方网站 ${exact} 的子域名`], imitates: null };

  const reasons: string[] = [];
  let imitates: string | null = null;
  const note = (reason: string, official: string | null) => {
    if (!reasons.includes(reason)) reasons.push(reason);
    imitates ??= official;
  };

  const isGovCn = host.endsWith('.gov.cn') && /^[a-z0-9.-]+$/.test(host);
  if (isGovCn) return { host, verdict: 'government', reasons: ['gov.cn 政府域名，但不在官方网站名录中，请人工确认'], imitates: null };

  const hostSkeleton = skeleton(withoutWww(host));
  if (host !== domainToAscii(host)) note('域名含非拉丁字母（国际化域名 xn--），可能用形近字冒充', null);
  // The official host it resembles most: same skeleton first, then the smallest edit distance.
  const scored = officials
    .map((o) => {
      const oBare = withoutWww(o);
      const oSkeleton = skeleton(oBare);
      const same = hostSkeleton === oSkeleton || hostSkeleton.endsWith('.' + oSkeleton);
      const d = Math.min(levenshtein(withoutWww(host), oBare), levenshtein(hostSkeleton, oSkeleton));
      const contains = oBare.split('.').length > 2 && hostSkeleton.includes(oSkeleton.replace(/\.gov\.cn$/, ''));
      return { o, same, d, contains };
    })
    .sort((a, b) => Number(b.same) - Number(a.same) || a.d - b.d);
  for (const { o, same, d, contains } of scored) {
    if (same) note(`与官方网站 ${o} 字形相近（形近字替换）`, o);
    else if (d <= 2) note(`与官方网站 ${o} 仅差 ${d} 个字符`, o);
    else if (contains) note(`包含官方网站 ${o} 的名称`, o);
  }

  const labels = hostSkeleton.split('.');
  if (/gov[.-]?cn/.test(hostSkeleton) || labels.includes('gov') || labels.some((l) => /(^|-)gov(-|$)/.test(l)))
    note('冒用政府域名形式（政府网站只使用 .gov.cn 结尾的域名）', null);
  const word = OFFICIAL_WORDS.find((w) => hostSkeleton.replace(/\./g, '-').includes(w) || hostSkeleton.replace(/[.-]/g, '').includes(w.replace(/-/g, '')));
  if (word) note(`非政府域名中使用住建部门名称（${word}）`, null);

  return reasons.length ? { host, verdict: 'lookalike', reasons, imitates } : { host, verdict: 'unrelated', reasons: ['不在官方网站名录中，未发现仿冒特征'], imitates: null };
}

function domainToAscii(host: string): string {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return host;
  }
}
