import { describe, expect, it } from 'vitest';
import { foldWidth, normCode, normHeader, normLicenceNo, normName, normUpperCode } from './normalise.js';

describe('normalisation (contract §1)', () => {
  it('folds full-width ASCII and brackets', () => {
    expect(foldWidth('０１２（ＡＢ）')).toBe('012(AB)');
    expect(normCode(' 川建安C２（２０２１）０００００４５ ')).toBe('川建安C2(2021)0000045');
  });
  it('removes spaces inside numbers and upper-cases IDs', () => {
    expect(normUpperCode(' 5101 0419800608 965x ')).toBe('51010419800608965X');
  });
  it('keeps name characters, drops spaces, folds middle dots', () => {
    expect(normName(' 张 三 ')).toBe('张三');
    expect(normName('次仁•卓玛')).toBe('次仁·卓玛');
    expect(normName('扎西．多吉')).toBe('扎西·多吉');
    expect(normName('吉克・阿日')).toBe('吉克·阿日');
    expect(normName('王　五')).toBe('王五');
  });
  it('matches headers after folding', () => {
    expect(normHeader(' 证书 编号 ')).toBe('证书编号');
    expect(normHeader('ＣＥＲＴ_ＮＯ')).toBe('cert_no');
  });
  it('brings licence numbers of every bracket style to one form', () => {
    for (const raw of ['(川)JZ安许证字[2023]007346', '（川）JZ安许证字【2023】007346', '〔川〕JZ安许证字〔2023〕007346', '[川]JZ安许证字(2023)007346'])
      expect(normLicenceNo(raw)).toBe('(川)JZ安许证字[2023]007346');
  });

  it('normalises names exactly as the full rule does, whether or not the quick check lets them pass', () => {
    // The full rule, without normName's shortcut for names that need nothing.
    const full = (raw: string) => foldWidth(raw.replace(/[\u00b7\u2022\u2027\u30fb\uff0e\uff65\u2219.]/g, '\u00b7')).replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '');
    const alphabet = ['张', '三', 'A', 'a', ' ', '\t', '\u3000', '\u00a0', '\u200b', '\ufeff', '\u2028', '·', '•', '．', '・', '.', '\u2219', '\u2027', '\uff65', 'Ａ', '（', '-', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      let raw = '';
      for (let k = next() % 6; k >= 0; k--) raw += alphabet[next() % alphabet.length];
      expect(normName(raw), JSON.stringify(raw)).toBe(full(raw));
    }
  });
});
