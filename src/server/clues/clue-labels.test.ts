import { describe, expect, it } from 'vitest';
import { lookalikeTag } from './clue-labels.js';
import { checkWebsite } from '../websites/lookalike.js';

describe('lookalikeTag', () => {
  it('tags a clue whose report carries a look-alike verdict, with host and reasons', () => {
    const lookalike = checkWebsite('http://jst.sc-gov.cn.example.com/', ['jst.sc.gov.cn']);
    expect(lookalike.verdict).toBe('lookalike');
    const tag = lookalikeTag([{ note: null }, { tipId: 't1', category: '假冒网站', lookalike }]);
    expect(tag).not.toBeNull();
    expect(tag!.label).toBe('疑似仿冒');
    expect(tag!.host).toBe(lookalike.host);
    expect(tag!.reasons).toEqual(lookalike.reasons);
    expect(tag!.reason).toBe(`${lookalike.host}：${lookalike.reasons.join('；')}`);
  });

  it('falls back to the imitated host when the verdict has no reasons', () => {
    const tag = lookalikeTag([{ lookalike: { verdict: 'lookalike', host: 'jst-sc.com', imitates: 'jst.sc.gov.cn', reasons: [] } }]);
    expect(tag?.reason).toBe('jst-sc.com：仿冒官方网站 jst.sc.gov.cn');
  });

  it('gives no tag for other verdicts, clues without a verdict and malformed details', () => {
    expect(lookalikeTag([{ lookalike: { verdict: 'official', host: 'jst.sc.gov.cn', reasons: ['与官方网站名录一致'], imitates: null } }])).toBeNull();
    expect(lookalikeTag([{ tipId: 't1' }, null, 'text', 3, { lookalike: 'lookalike' }, { lookalike: null }])).toBeNull();
    expect(lookalikeTag([])).toBeNull();
  });
});
