// Administrative decisions (行政处理决定) a case may end in. Pure: validating the items of a decision and
// describing them; applying them to the registry is apply-decision.ts.

export const DECISION_TYPES = [
  'fine',
  'warning',
  'cert_suspend',
  'cert_revoke',
  'cert_withdraw',
  'licence_suspend',
  'licence_revoke',
  'rectify',
  'dishonesty',
  'no_penalty',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

export const DECISION_LABELS: Record<DecisionType, string> = {
  fine: '罚款',
  warning: '警告',
  cert_suspend: '暂扣证书',
  cert_revoke: '吊销证书',
  cert_withdraw: '撤销证书',
  licence_suspend: '暂扣安全生产许可证',
  licence_revoke: '吊销安全生产许可证',
  rectify: '停业整改',
  dishonesty: '列入失信名单',
  no_penalty: '不予行政处罚',
};

/** The registry state a decision puts a certificate or licence in (national e-certificate labels). */
export const CERT_STATE_OF: Partial<Record<DecisionType, string>> = { cert_suspend: '暂扣', cert_revoke: '吊销', cert_withdraw: '撤销' };
export const LICENCE_STATE_OF: Partial<Record<DecisionType, string>> = { licence_suspend: '暂扣', licence_revoke: '吊销' };

export interface DecisionItem {
  type: DecisionType;
  /** fine: yuan, at most two decimals. */
  amount?: number;
  /** cert_*: the certificate number in our registry. */
  certNo?: string;
  /** licence_*, rectify, dishonesty (enterprise/institution): credit code. dishonesty (person): ID number. */
  target?: string;
  /** dishonesty: person | enterprise | institution. */
  targetKind?: string;
  /** dishonesty: listed until (YYYY-MM-DD), optional. */
  until?: string;
  note?: string;
}

// 《安全生产法》 and 《建设工程安全生产管理条例》 fines stay far below this; a bigger figure is a typing error.
export const MAX_FINE_YUAN = 10_000_000;

/** Check a decision's items; the first problem, named by item and field, or null. */
export function checkDecision(items: readonly DecisionItem[]): string | null {
  if (items.length === 0) return '处理决定至少包含一项';
  const seen = new Set<string>();
  for (const [i, it] of items.entries()) {
    const at = `第${i + 1}项`;
    if (!(DECISION_TYPES as readonly string[]).includes(it.type)) return `${at}：处理类型“${String(it.type)}”不正确`;
    const key = `${it.type}:${it.certNo ?? it.target ?? ''}`;
    if (seen.has(key)) return `${at}：与前面的处理项重复`;
    seen.add(key);
    switch (it.type) {
      case 'fine':
        if (typeof it.amount !== 'number' || !Number.isFinite(it.amount) || it.amount <= 0) return `${at}：罚款金额须为大于0的数字（元）`;
        if (Math.abs(it.amount * 100 - Math.round(it.amount * 100)) > 1e-6) return `${at}：罚款金额最多两位小数`;
        if (it.amount > MAX_FINE_YUAN) return `${at}：罚款金额超过上限 ${MAX_FINE_YUAN} 元，请核对`;
        break;
      case 'cert_suspend':
      case 'cert_revoke':
      case 'cert_withdraw':
        if (!it.certNo?.trim()) return `${at}：须填写证书编号`;
        break;
      case 'licence_suspend':
      case 'licence_revoke':
      case 'rectify':
        if (!it.target?.trim()) return `${at}：须填写统一社会信用代码`;
        break;
      case 'dishonesty':
        if (!it.target?.trim()) return `${at}：须填写列入失信名单的对象（信用代码或身份证号）`;
        if (!['person', 'enterprise', 'institution'].includes(it.targetKind ?? '')) return `${at}：失信对象类型须为人员、企业或机构`;
        if (it.until && !/^\d{4}-\d{2}-\d{2}$/.test(it.until)) return `${at}：失信期限日期格式应为 YYYY-MM-DD`;
        break;
      default:
        break;
    }
    if (it.type === 'no_penalty' && items.length > 1) return '“不予行政处罚”不能与其他处理项同时作出';
  }
  return null;
}

/** One line for the reporter and the case list: what was decided, without names or numbers of people. */
export function describeDecision(items: readonly DecisionItem[]): string {
  return items.map((it) => (it.type === 'fine' ? `罚款 ${formatYuan(it.amount ?? 0)} 元` : DECISION_LABELS[it.type])).join('；');
}

export function formatYuan(amount: number): string {
  return amount.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}
