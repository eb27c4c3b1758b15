import { describe, expect, it } from 'vitest';
import { commonPasswords, passwordProblem } from './password-policy.js';

describe('password rules', () => {
  it('ships a list of a few thousand common passwords of 8+ characters', () => {
    expect(commonPasswords().size).toBeGreaterThan(3000);
    for (const p of ['password', '12345678', 'iloveyou', 'qwertyuiop', 'woaini1314', '1qaz2wsx']) expect(commonPasswords().has(p)).toBe(true);
  });

  it('needs 8 characters, counted as characters (not bytes), and no composition', () => {
    expect(passwordProblem('abc1234')).toContain('至少需要 8 个字符');
    expect(passwordProblem('春眠不觉晓处处')).toContain('至少需要 8 个字符');
    expect(passwordProblem('春眠不觉晓处处闻啼')).toBeNull();
    expect(passwordProblem('all lower case words')).toBeNull();
  });

  it('refuses common passwords whatever their case or width', () => {
    expect(passwordProblem('PassWord1')).toContain('常见弱密码');
    expect(passwordProblem('ｑｗｅｒｔｙｕｉｏｐ')).toContain('常见弱密码');
  });

  it('refuses context words: user name, display name, organisation, the system and the place', () => {
    const ctx = { username: 'zhangwei88', displayName: '张伟', orgName: '四川蜀安建设工程有限公司', orgUscc: '91510100MA6C1A2B3X' };
    expect(passwordProblem('Zhangwei88 is me', ctx)).toContain('用户名');
    expect(passwordProblem('蜀安建设工程有限公司 2024', { orgName: '蜀安建设工程有限公司' })).toContain('单位名称');
    expect(passwordProblem('code 91510100MA6C1A2B3X', ctx)).toContain('统一社会信用代码');
    expect(passwordProblem('my CertGuard login')).toContain('certguard');
    expect(passwordProblem('证盾系统的登录口令')).toContain('证盾');
    expect(passwordProblem('Sichuan hot pot!')).toContain('sichuan');
    // Two-character names are not context words: they would refuse too much.
    expect(passwordProblem('张伟 likes long walks', ctx)).toBeNull();
  });
});
