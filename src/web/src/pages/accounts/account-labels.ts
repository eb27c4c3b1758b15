// Labels of roles and account states, from the server's own table where there is one.

import { ROLE_LABELS, type Role } from '../../../../server/access/roles.js';

export { ROLE_LABELS };

export const roleLabel = (role: string): string => ROLE_LABELS[role as Role] ?? role;

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const ORG_ROLES: readonly string[] = ['enterprise', 'institution'];

export const ACCOUNT_STATUS: Record<string, { text: string; color: string }> = {
  active: { text: '正常', color: 'green' },
  pending: { text: '待审核', color: 'gold' },
  disabled: { text: '已停用', color: 'default' },
  rejected: { text: '未通过', color: 'red' },
};

export const REGISTRATION_STATUS: Record<string, { text: string; color: string }> = {
  pending: { text: '待审核', color: 'gold' },
  approved: { text: '已通过', color: 'green' },
  rejected: { text: '已驳回', color: 'red' },
};

export const KIND_LABELS: Record<string, string> = { enterprise: '建筑施工企业', institution: '培训考核机构' };
