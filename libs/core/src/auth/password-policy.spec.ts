import { COMMON_PASSWORDS } from './common-passwords';
import { characterClasses, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts a long password with three classes that is neither the username nor common', () => {
    expect(passwordProblem('Yunfan-renshe7', 'wangjg')).toBeNull();
    expect(passwordProblem('linjiang street 9', 'wangjg')).toBeNull(); // lower, digit, symbol (space)
    expect(passwordProblem('QINGSHI2026town', 'wangjg')).toBeNull(); // upper, digit, lower
  });

  it('needs 10 characters', () => {
    expect(passwordProblem('Ab1!Ab1!A', 'wangjg')).toBe('密码至少需要 10 个字符（现为 9 个）');
    expect(passwordProblem('12345678', 'wangjg')).toBe('密码至少需要 10 个字符（现为 8 个）');
    expect(passwordProblem('Ab1!Ab1!Ab', 'wangjg')).toBeNull();
  });

  it('needs three of the four classes', () => {
    expect(characterClasses('abcdefghij')).toBe(1);
    expect(characterClasses('abcdeFGHIJ')).toBe(2);
    expect(characterClasses('abcdeFGHI1')).toBe(3);
    expect(characterClasses('abcdeFGH1!')).toBe(4);
    expect(passwordProblem('linjiangjiedao', 'wangjg')).toBe('密码须包含小写字母、大写字母、数字、符号四类中的至少三类');
    expect(passwordProblem('linjiang2026', 'wangjg')).toBe('密码须包含小写字母、大写字母、数字、符号四类中的至少三类');
  });

  it('refuses a password equal to or containing the username, whatever the case', () => {
    expect(passwordProblem('Wangjg2026!', 'wangjg')).toBe('密码不能包含用户名');
    expect(passwordProblem('x-WANGJG-9a', 'wangjg')).toBe('密码不能包含用户名');
    expect(passwordProblem('Dh_Manager1', 'dh_manager')).toBe('密码不能包含用户名');
  });

  it('refuses common passwords, also the ones that meet the class rule', () => {
    const common = '该密码过于常见，容易被猜中，请换一个';
    for (const p of ['Aa123456789', 'P@ssw0rd123', 'Admin@2026', 'Woaini1314520', '1qaz@WSX3edc', 'Qwer@123456'])
      expect(passwordProblem(p, 'wangjg')).toBe(common);
    // on the list too, though they fail the class rule first
    expect(COMMON_PASSWORDS.has('a123456789')).toBe(true);
    expect(COMMON_PASSWORDS.has('qwertyuiop')).toBe(true);
    expect(passwordProblem('Aa123456789', 'wangjg')).toBe('该密码过于常见，容易被猜中，请换一个');
    expect(passwordProblem('P@ssw0rd123', 'wangjg')).toBe('该密码过于常见，容易被猜中，请换一个');
  });

  it('ships a list of a few hundred, all lower case', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(300);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });

  it('refuses a common word or number dressed up to meet the class rule', () => {
    const common = '该密码过于常见，容易被猜中，请换一个';
    // letters a common word (leet read back: P@ssw0rd → password); digits a run with hardly any letters
    for (const p of ['Password1!', 'Qwerty@123', 'Woaini@1314', 'Yingbao@2026', 'P@ssw0rd!!9', 'Aa12345678', 'Zz87654321', 'Bb!11111111'])
      expect([p, passwordProblem(p, 'wangjg')]).toEqual([p, common]);
    // a word of its own around such pieces is fine
    for (const p of ['Linjiang@2026', 'Qwerty-Linjiang9', 'Xb12345678Street']) expect([p, passwordProblem(p, 'wangjg')]).toEqual([p, null]);
  });
});
