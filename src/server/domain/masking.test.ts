import { describe, expect, it } from 'vitest';
import { maskIdNo, maskName, maskRecord, maskText } from './masking.js';

describe('maskName', () => {
  it('keeps the first and the last character of names of three or more', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
  it('masks the second character of two-character names', () => {
    expect(maskName('张三')).toBe('张*');
  });
  it('masks a one-character name whole and leaves an empty one empty', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });
  it('keeps the middle dot of minority names', () => {
    expect(maskName('吉克·阿日')).toBe('吉*·*日');
    expect(maskName('买买提·艾力')).toBe('买**·*力');
  });
  it('counts characters outside the BMP as one', () => {
    expect(maskName('𠀋小明')).toBe('𠀋*明');
  });
});

describe('maskIdNo', () => {
  it('shows the first three and the last four characters of an 18-character ID', () => {
    expect(maskIdNo('510104198006089657')).toBe('510***********9657');
    expect(maskIdNo('11010519491231002X')).toBe('110***********002X');
  });
  it('masks 15-character IDs the same way', () => {
    expect(maskIdNo('510104800608965')).toBe('510********8965');
  });
  it('masks short values whole', () => {
    expect(maskIdNo('1234567')).toBe('*******');
    expect(maskIdNo('')).toBe('');
  });
});

describe('maskText and maskRecord', () => {
  it('masks ID numbers standing alone and the given names, longest first', () => {
    expect(maskText('证书 X 登记持证人为 张三丰（510104198006089657），出示人为 张三（11010519491231002X）', ['张三丰', '张三'])).toBe(
      '证书 X 登记持证人为 张*丰（510***********9657），出示人为 张*（110***********002X）',
    );
  });
  it('leaves longer codes that merely contain 18 digits alone', () => {
    expect(maskText('编号 A510104198006089657B')).toBe('编号 A510104198006089657B');
  });
  it('masks the name and ID fields of a record', () => {
    expect(maskRecord({ name: '李四五', id_no: '510104198006089657', cert_no: 'C1', note: '身份证 510104198006089657' })).toEqual({
      name: '李*五',
      id_no: '510***********9657',
      cert_no: 'C1',
      note: '身份证 510***********9657',
    });
  });
});
