// Chinese labels of audit actions, for the auditors' page and the export. Pure; the web app imports it.
// Actions not listed here are shown by their code (areas add actions as they go).

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'auth.password_change_failed': '修改密码失败',
  'auth.totp_enrolled': '绑定动态口令',
  'account.created': '创建账号',
  'account.reset': '重置账号',
  'registration.submitted': '提交注册申请',
  'pii.read': '查看个人信息',
  'pii.reveal': '查看完整个人信息',
  'registry.export': '导出库数据',
  'registry.status_change': '变更证书状态',
  'import.completed': '数据导入完成',
  'screening.submitted': '提交筛查',
  'screening.finished': '筛查完成',
  'hit.confirm': '确认筛查线索',
  'hit.dismiss': '排除筛查结果',
  'clue.dismiss': '排除线索',
  'roster.check': '企业自查比对',
  'inspection.record': '记录检查',
  'inspection.check': '现场核验证书',
  'tip.attachment_download': '下载举报附件',
  'website.report': '举报仿冒网站',
  'website.official_add': '登记官方网站',
  'website.official_remove': '移除官方网站',
  'credentials.key_rotated': '轮换签名密钥',
  'credentials.key_retired': '停用签名密钥',
  'credentials.key_compromised': '标记签名密钥泄露',
  'audit.export': '导出审计日志',
};

/** The label of an action, or its code when it has none. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Action families (the part before the dot) with a Chinese name, for filtering by family. */
export const ACTION_FAMILIES: Record<string, string> = {
  auth: '登录与口令',
  account: '账号',
  registration: '注册',
  pii: '个人信息',
  registry: '证书库',
  import: '数据导入',
  screening: '大数据筛查',
  hit: '筛查结果',
  clue: '线索',
  case: '案件',
  roster: '企业自查',
  inspection: '检查',
  tip: '举报',
  website: '网站',
  credentials: '电子证书',
  audit: '审计',
};
