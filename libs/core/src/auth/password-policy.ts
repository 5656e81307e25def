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
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || commonWithDecoration(password)) return '该密码过于常见，容易被猜中，请换一个';
  return null;
}

/** Words of this product and its users that guessers try first, dressed up as Word@2026. */
const LOCAL_WORDS = new Set(['yingbao', 'shebao', 'renshe', 'kuomian', 'admin', 'welcome', 'iloveyou', 'woaini', 'qwerty', 'password', 'passw', 'pass']);

/**
 * A common word or number dressed up to meet the class rules: Password1!, Qwerty@123, Woaini@1314 and
 * Yingbao@2026 (its letters a common word), Aa12345678 (hardly any letters, its digits a run). Leet digits
 * in words (P@ssw0rd) are read as letters.
 */
function commonWithDecoration(password: string): boolean {
  const lower = password.toLowerCase();
  const letters = lower
    .replace(/@/g, 'a')
    .replace(/0/g, 'o')
    .replace(/[^a-z]/g, '');
  if (letters.length >= 4 && (COMMON_PASSWORDS.has(letters) || LOCAL_WORDS.has(letters))) return true;
  const plainLetters = lower.replace(/[^a-z]/g, '');
  if (plainLetters.length >= 4 && (COMMON_PASSWORDS.has(plainLetters) || LOCAL_WORDS.has(plainLetters))) return true;
  const digits = lower.replace(/[^0-9]/g, '');
  return plainLetters.length <= 2 && digits.length >= 6 && (COMMON_PASSWORDS.has(digits) || isRun(digits));
}

/** 12345678, 87654321, 11111111: each digit one up, one down or the same as the one before. */
function isRun(digits: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add((digits.charCodeAt(i) - digits.charCodeAt(i - 1) + 10) % 10);
  return steps.size === 1 && [0, 1, 9].includes([...steps][0]);
}
