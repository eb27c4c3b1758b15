// Which new passwords are refused, and why (NIST SP 800-63B §5.1.1.2): at least 8 characters, not one of
// the commonly used passwords, not built on words the system or the account gives away. No composition
// rules (they make passwords harder to remember, not harder to guess). Pure apart from reading the list.

import { readFileSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

/** Words every password of this system must avoid: the product, the place. */
const SYSTEM_WORDS = ['certguard', '证盾', 'zhengdun', 'sichuan', '四川'];

let common: ReadonlySet<string> | null = null;

/** The common-password list (data/common-passwords.txt, lower case, one a line, `#` comments). */
export function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const text = readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(text.split('\n').filter((l) => l && !l.startsWith('#')));
  }
  return common;
}

export interface PasswordContext {
  username?: string | null;
  displayName?: string | null;
  /** Organisation name and credit code, for enterprise and institution accounts. */
  orgName?: string | null;
  orgUscc?: string | null;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** The reason a new password is refused (Chinese, shown as is), or null when it is acceptable. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符，当前只有 ${length} 个`;
  if (length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`;
  const p = fold(password);
  if (new Set(Array.from(p)).size === 1) return '密码不能由同一个字符重复组成';
  if (commonPasswords().has(p)) return '该密码属于常见弱密码，容易被猜中，请换一个';
  const named: Array<[string | null | undefined, string]> = [
    [context.username, '用户名'],
    [context.displayName, '姓名或名称'],
    [context.orgName, '单位名称'],
    [context.orgUscc, '统一社会信用代码'],
  ];
  for (const [word, what] of named) {
    const w = word ? fold(word.trim()) : '';
    // Very short words (a two-letter user name) would refuse half of all passwords.
    if (Array.from(w).length >= 3 && p.includes(w)) return `密码不能包含${what}`;
  }
  for (const w of SYSTEM_WORDS) if (p.includes(w)) return `密码不能包含系统名称或地名等容易联想的词（“${w}”）`;
  return null;
}
