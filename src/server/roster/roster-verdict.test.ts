import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../domain/resident-id.js';
import { rosterVerdict, type RegisteredCertificate, type RosterRow } from './roster-verdict.js';

const id = (first17: string) => first17 + residentIdCheckChar(first17);
const ID = id('51010419800315123');
const USCC = '91510100MA6C1A2B3X';
const TODAY = '2026-01-01';

const row = (over: Partial<RosterRow> = {}): RosterRow => ({ name: '王建国', idNo: ID, certNo: '川建安B(2023)1052428', category: '', role: '', employerUscc: '', ...over });
const reg = (over: Partial<RegisteredCertificate> = {}): RegisteredCertificate => ({
  cert_no: '川建安B(2023)1052428',
  source: '',
  category: 'B',
  name: '王建国',
  id_no: ID,
  employer_uscc: USCC,
  employer_name: '四川蜀安建设工程有限公司',
  expires: '2027-03-14',
  status: '有效',
  ...over,
});

describe('rosterVerdict', () => {
  it('一致 when number, holder, state, date and employer agree', () => {
    expect(rosterVerdict(row({ category: 'B', role: '项目负责人', employerUscc: USCC }), [reg()], TODAY)).toEqual({ verdict: '一致', note: '证书有效，有效期至 2027-03-14' });
  });
  it('格式错误 for missing or unknown values, before anything else', () => {
    expect(rosterVerdict(row({ certNo: '' }), [], TODAY)).toMatchObject({ verdict: '格式错误', note: '缺少证书编号' });
    expect(rosterVerdict(row({ category: 'D' }), [reg()], TODAY).verdict).toBe('格式错误');
    expect(rosterVerdict(row({ role: '木工' }), [reg()], TODAY).verdict).toBe('格式错误');
    expect(rosterVerdict(row({ employerUscc: '123' }), [reg()], TODAY).verdict).toBe('格式错误');
  });
  it('身份证号无效 names the failing part', () => {
    expect(rosterVerdict(row({ idNo: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0') }), [reg()], TODAY)).toMatchObject({ verdict: '身份证号无效', note: expect.stringContaining('校验位') });
    expect(rosterVerdict(row({ idNo: '5101041980' }), [reg()], TODAY)).toMatchObject({ verdict: '身份证号无效', note: expect.stringContaining('18位') });
  });
  it('证书不存在 when no registry knows the number', () => {
    expect(rosterVerdict(row(), [], TODAY).verdict).toBe('证书不存在');
  });
  it('人证不符 for another holder, another name, another category or a post the category does not fit', () => {
    expect(rosterVerdict(row(), [reg({ id_no: id('51010419900101123') })], TODAY)).toMatchObject({ verdict: '人证不符', note: expect.not.stringContaining('51010419900101123') });
    expect(rosterVerdict(row({ name: '王建' }), [reg()], TODAY)).toMatchObject({ verdict: '人证不符', note: expect.stringContaining('姓名') });
    expect(rosterVerdict(row({ category: 'C3' }), [reg()], TODAY)).toMatchObject({ verdict: '人证不符', note: expect.stringContaining('类别') });
    expect(rosterVerdict(row({ role: '专职安全员' }), [reg()], TODAY)).toMatchObject({ verdict: '人证不符', note: expect.stringContaining('岗位') });
  });
  it('each registry state', () => {
    const v = (status: string) => rosterVerdict(row(), [reg({ status })], TODAY).verdict;
    expect(['暂扣', '撤销', '注销', '吊销', '失效', '办理转出'].map(v)).toEqual(['暂扣', '撤销', '注销', '吊销', '失效', '办理转出']);
  });
  it('已过期 for a valid certificate past its date, mentioning an employer mismatch too', () => {
    expect(rosterVerdict(row(), [reg({ expires: '2025-12-31' })], TODAY)).toMatchObject({ verdict: '已过期', note: '证书已于 2025-12-31 过期' });
    expect(rosterVerdict(row({ employerUscc: '91510700MA6D4E5F6X' }), [reg({ expires: '2025-12-31' })], TODAY).note).toContain('聘用单位');
  });
  it('聘用单位不符 when the certificate is registered with another employer', () => {
    expect(rosterVerdict(row({ employerUscc: '91510700MA6D4E5F6X' }), [reg()], TODAY)).toMatchObject({ verdict: '聘用单位不符', note: expect.stringContaining('四川蜀安建设工程有限公司') });
  });
  it("takes the holder's certificate when the number is in two registries", () => {
    const other = reg({ source: '应急管理厅', id_no: id('51010419900101123'), status: '吊销' });
    expect(rosterVerdict(row(), [other, reg()], TODAY).verdict).toBe('一致');
  });
});
