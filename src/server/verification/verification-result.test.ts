import { describe, expect, it } from 'vitest';
import { certificateResult, NO_MATCH, presentVerification, type MatchedCertificate } from './verification-result.js';

const cert = (over: Partial<MatchedCertificate> = {}): MatchedCertificate => ({
  cert_no: '川建安B(2021)1052428',
  source: '',
  category: 'B',
  operation: null,
  name: '张三丰',
  id_no: '11010519491231002X',
  employer_uscc: '91350100M000100Y43',
  employer_name: '四川测试建设工程有限公司',
  issuer: '四川省住房和城乡建设厅',
  issued: '2024-03-05',
  expires: '2027-03-04',
  status: '有效',
  ...over,
});

describe('certificateResult', () => {
  it('maps every registry state and derives expiry from the date', () => {
    const today = '2026-01-01';
    expect(certificateResult('有效', '2026-01-01', today)).toBe('valid');
    expect(certificateResult('有效', '2025-12-31', today)).toBe('expired');
    expect(certificateResult('暂扣', '2030-01-01', today)).toBe('suspended');
    expect(certificateResult('撤销', '2030-01-01', today)).toBe('withdrawn');
    expect(certificateResult('注销', '2030-01-01', today)).toBe('cancelled');
    expect(certificateResult('失效', '2030-01-01', today)).toBe('lapsed');
    expect(certificateResult('办理转出', '2030-01-01', today)).toBe('transferring');
    expect(certificateResult('吊销', '2020-01-01', today)).toBe('revoked');
  });
});

describe('presentVerification', () => {
  it('masks the holder and names the registry', () => {
    const a = presentVerification([cert()], '2026-01-01');
    expect(a.result).toBe('valid');
    expect(a.certificates[0]).toMatchObject({ holderName: '张*丰', holderIdNo: '110***********002X', source: 'own', categoryLabel: '项目负责人（B类）' });
    expect(JSON.stringify(a)).not.toContain('张三丰');
    expect(JSON.stringify(a)).not.toContain('11010519491231002X');
  });
  it('puts a valid certificate first when an ID number holds several', () => {
    const a = presentVerification([cert({ status: '吊销', cert_no: 'X1' }), cert({ cert_no: 'X2', source: '应急管理厅', category: 'TZ', operation: '01' })], '2026-01-01');
    expect(a.result).toBe('valid');
    expect(a.certificates.map((c) => c.certNo)).toEqual(['X2', 'X1']);
    expect(a.certificates[0]).toMatchObject({ source: 'shared', sourceName: '应急管理厅（部门共享）', operationLabel: '建筑电工' });
  });
  it('answers the one NO_MATCH object when nothing matches', () => {
    expect(presentVerification([], '2026-01-01')).toBe(NO_MATCH);
  });
});
