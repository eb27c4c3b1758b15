import { PageHeader } from '../../components/page-header.js';
import { AccountsTab } from './accounts-tab.js';
import { RegistrationsTab } from './registrations-tab.js';

/** 账号管理 (administrators) and 注册审核 (officials of the county or above): a menu item each. */
export function AccountsPage({ tab }: { tab: 'accounts' | 'registrations' }) {
  return tab === 'accounts' ? (
    <>
      <PageHeader title="账号管理" description="本辖区及下级辖区的账号：新建、停用、重置。新账号和重置后的账号使用临时密码，首次登录须设置新密码。" />
      <AccountsTab />
    </>
  ) : (
    <>
      <PageHeader title="注册审核" description="本辖区企业、培训考核机构的自助注册申请：核对单位信息后通过或驳回。" />
      <RegistrationsTab />
    </>
  );
}
