import { describe, expect, it } from 'vitest';
import { isProblem, judgeCertificate } from './check-outcome.js';

const cert = (o: Partial<{ cert_no: string; source: string; name: string; status: string; expires: string }> = {}) => ({
  cert_no: '川建安B(2024)1000001',
  source: '',
  name: '王建国',
  status: '有效',
  expires: '2027-01-01',
  ...o,
});

describe('on-site certificate check', () => {
  it('finds nothing wrong with a valid certificate held by the person on site', () => {
    expect(judgeCertificate([cert()], '王建国', '2025-06-01').result).toBe('valid');
    expect(isProblem('valid')).toBe(false);
  });

  it('names each problem', () => {
    expect(judgeCertificate([], '王建国', '2025-06-01').result).toBe('not_found');
    expect(judgeCertificate([cert()], '李四', '2025-06-01').result).toBe('mismatch');
    expect(judgeCertificate([cert({ expires: '2025-05-31' })], '王建国', '2025-06-01').result).toBe('expired');
    expect(judgeCertificate([cert({ status: '吊销' })], null, '2025-06-01').result).toBe('revoked');
    expect(judgeCertificate([cert({ status: '撤销' })], null, '2025-06-01').result).toBe('withdrawn');
    expect(judgeCertificate([cert({ status: '暂扣' })], null, '2025-06-01').result).toBe('suspended');
    for (const r of ['not_found', 'mismatch', 'expired', 'revoked', 'withdrawn', 'suspended', 'bad_qr', 'no_certificate'] as const) expect(isProblem(r)).toBe(true);
  });

  it('prefers our registry over a shared department when both know the number', () => {
    const shared = cert({ source: '应急管理厅', status: '吊销' });
    expect(judgeCertificate([shared, cert()], '王建国', '2025-06-01')).toMatchObject({ result: 'valid', cert: { source: '' } });
  });
});
