// GB 32100-2015 unified social credit code: 18 characters from a 31-character set (no I, O, S, V, Z);
// the 18th is the check character of the first 17.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** check = 31 - (sum of value x weight mod 31); 31 means 0. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return CHARSET[c === 31 ? 0 : c];
}

export type UsccResult = { ok: true; uscc: string } | { ok: false; reason: string };

/** Validates a USCC (upper-cased): charset, 6-digit region code at positions 3-8, check character. */
export function parseUscc(raw: string): UsccResult {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) return { ok: false, reason: '统一社会信用代码应为18位（不含I、O、S、V、Z）' };
  if (usccCheckChar(code) !== code[17]) return { ok: false, reason: '统一社会信用代码校验码错误' };
  return { ok: true, uscc: code };
}
