import { SafetyCertificateFilled } from '@ant-design/icons';

export const SYSTEM_TITLE = '四川省建筑施工安全生产资格证书管理';
export const DEPARTMENT = '四川省住房和城乡建设厅';

/** The emblem and system title used in the portal header, the login page and the console. */
export function Brand({ compact = false, light = false }: { compact?: boolean; light?: boolean }) {
  return (
    <div className={`brand ${light ? 'brand-light' : ''} ${compact ? 'brand-compact' : ''}`}>
      <SafetyCertificateFilled className="brand-emblem" aria-hidden />
      <div className="brand-text">
        <div className="brand-title">
          {SYSTEM_TITLE}
          <span className="brand-product"> · 证盾 CertGuard</span>
        </div>
        {!compact && <div className="brand-subtitle">{DEPARTMENT}</div>}
      </div>
    </div>
  );
}
