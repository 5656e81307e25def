// GB 11643-1999 citizen identity number: 6-digit region, 8-digit birth date, 3-digit sequence
// (odd = male, even = female), check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberResult = { ok: true; idNumber: string; birthDate: string; sex: 'M' | 'F' } | { ok: false; reason: string };

/** The check character of the first 17 digits: sum of digit x weight, mod 11, indexes "10X98765432". */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/**
 * The earliest birth year the registry takes. An 18-digit number with an older date can be valid (the
 * standard's example 440524188001010014 is born 1880), but its holder would be over 120 today: such a row
 * is a data error to report, with that reason, not a person to visit.
 */
export const EARLIEST_BIRTH_YEAR = 1900;

const FORMAT = '身份证号码应为18位（前17位数字，末位数字或X）';

/**
 * Validates an 18-character ID number (a trailing lower-case x is accepted and upper-cased):
 * format, the check character, a real birth date, then a birth year from EARLIEST_BIRTH_YEAR and not after `today` (YYYY-MM-DD).
 * One pass over the characters: an import checks a million of them.
 */
export function parseIdNumber(raw: string, today?: string): IdNumberResult {
  let id = raw.trim();
  if (id.length !== 18) return { ok: false, reason: FORMAT };
  let sum = 0;
  let birth = 0; // YYYYMMDD
  for (let i = 0; i < 17; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return { ok: false, reason: FORMAT };
    sum += d * WEIGHTS[i];
    if (i >= 6 && i < 14) birth = birth * 10 + d;
  }
  let last = id.charCodeAt(17);
  if (last === 120) {
    id = id.slice(0, 17) + 'X';
    last = 88;
  } else if (last !== 88 && (last < 48 || last > 57)) return { ok: false, reason: FORMAT };
  const y = Math.floor(birth / 10000);
  // Most likely first: a mistyped digit shows as a wrong check character, whatever date it lands on; a date
  // that does not exist under a right check character is a number made up wrongly.
  if (CHECK_CHARS.charCodeAt(sum % 11) !== last) return { ok: false, reason: '身份证号码校验码错误' };
  if (!isRealDate(y, Math.floor(birth / 100) % 100, birth % 100)) return { ok: false, reason: '身份证号码中的出生日期不存在' };
  // A valid number (GB 11643's own example is born 1880), but no one born then is alive to enrol.
  if (y < EARLIEST_BIRTH_YEAR) return { ok: false, reason: `身份证号码中的出生年份早于${EARLIEST_BIRTH_YEAR}年，不在登记范围内，请核对` };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (today && birthDate > today) return { ok: false, reason: '身份证号码中的出生日期晚于今天' };
  return { ok: true, idNumber: id, birthDate, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F' };
}
