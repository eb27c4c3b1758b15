import { describe, expect, it } from 'vitest';
import { checkWebsite, hostOf, levenshtein, skeleton } from './lookalike.js';

const OFFICIAL = ['zlaq.mohurd.gov.cn', 'jst.sc.gov.cn', 'www.mohurd.gov.cn'];
const check = (url: string) => checkWebsite(url, OFFICIAL);

describe('look-alike website check', () => {
  it('accepts the official hosts and their subdomains, with or without a scheme', () => {
    expect(check('https://zlaq.mohurd.gov.cn/some/page?x=1')).toMatchObject({ verdict: 'official', host: 'zlaq.mohurd.gov.cn' });
    expect(check('jst.sc.gov.cn')).toMatchObject({ verdict: 'official' });
    expect(check('http://JST.SC.GOV.CN.')).toMatchObject({ verdict: 'official' });
    expect(check('https://www.jst.sc.gov.cn/')).toMatchObject({ verdict: 'official', reasons: ['属于官方网站 jst.sc.gov.cn 的子域名'] });
  });

  it('calls a real gov.cn host outside the register a government site to confirm', () => {
    expect(check('http://zjt.cq.gov.cn')).toMatchObject({ verdict: 'government' });
  });

  it('finds small edits (Levenshtein ≤ 2)', () => {
    const r = check('http://zlaq.mohrd.gov.cn.cc');
    expect(r.verdict).toBe('lookalike');
    expect(check('jst.sc.gov.com')).toMatchObject({ verdict: 'lookalike', imitates: 'jst.sc.gov.cn' });
    expect(check('jst.sc.gov.com').reasons.join()).toContain('仅差');
  });

  it('folds homoglyphs: 0/o, 1/l/i, rn/m, Cyrillic and full-width letters, punycode', () => {
    expect(skeleton('zlaq.rnohurd.gov.cn')).toBe(skeleton('zlaq.mohurd.gov.cn'));
    expect(skeleton('j5t.5c.g0v.cn')).toBe(skeleton('jst.sc.gov.cn'));
    expect(check('http://zlaq.m0hurd.gov.cn.top')).toMatchObject({ verdict: 'lookalike' });
    expect(check('https://z1aq.rnohurd-gov.cn')).toMatchObject({ verdict: 'lookalike', imitates: 'zlaq.mohurd.gov.cn' });
    // Cyrillic о (U+043E) in mohurd: the browser sends punycode, the check decodes and folds it.
    const cyr = check('https://zlaq.m\u043ehurd.gov.cn');
    expect(cyr.verdict).toBe('lookalike');
    expect(cyr.host).toBe('zlaq.m\u043ehurd.gov.cn');
    expect(cyr.reasons.join()).toMatch(/非拉丁字母/);
    expect(cyr.reasons.join()).toMatch(/字形相近/);
    const puny = check('http://' + new URL('http://zlaq.m\u043ehurd.gov.cn').hostname);
    expect(puny.host.startsWith('zlaq.m\u043e')).toBe(true);
    expect(puny.verdict).toBe('lookalike');
    // Full-width letters are folded by the URL parser itself (IDNA mapping).
    expect(check('ｊｓｔ.ｓｃ.ｇｏｖ.ｃｎ')).toMatchObject({ verdict: 'official' });
  });

  it('recognises imitations of the gov.cn form and official names in other domains', () => {
    for (const url of ['http://sc-gov.cn', 'gov.cn.xyz', 'https://gov-cn.com/zhengshu', 'http://scjst.gov.cn.zhengshu.top', 'http://www.jianzhu-gov.net']) {
      const r = check(url);
      expect(r.verdict, url).toBe('lookalike');
      expect(r.reasons.join(), url).toMatch(/政府域名/);
    }
    const m = check('https://mohurd-cx.com/query');
    expect(m.verdict).toBe('lookalike');
    expect(m.reasons.join()).toContain('mohurd');
  });

  it('leaves unrelated sites alone and refuses what is not a URL', () => {
    expect(check('https://www.example.com/')).toMatchObject({ verdict: 'unrelated' });
    expect(check('https://www.baidu.com/')).toMatchObject({ verdict: 'unrelated' });
    expect(check('not a url')).toMatchObject({ verdict: 'invalid' });
    expect(check('ftp://jst.sc.gov.cn')).toMatchObject({ verdict: 'invalid' });
    expect(hostOf('localhost')).toBeNull();
  });

  it('computes edit distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('mohurd', 'mohurd')).toBe(0);
  });
});
