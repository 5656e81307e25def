import { COMMON_PASSWORDS } from './common-passwords';

// MLPS 2.0 level 3 (GB/T 22239-2019 8.1.4.1 a): passwords complex enough and changed; here: length, classes, no username, no common one.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MIN_CLASSES = 3;

/** How many of the four classes (lower case, upper case, digit, symbol) a password uses. */
export function characterClasses(password: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];
  return classes.filter((re) => re.test(password)).length;
}

/** Why a password may not be set, in Chinese for the clerk, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符（现为 ${password.length} 个）`;
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) return '密码须包含小写字母、大写字母、数字、符号四类中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return '该密码过于常见，容易被猜中，请换一个';
  return null;
}
