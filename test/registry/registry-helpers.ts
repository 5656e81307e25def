import { idNumberCheckChar, usccCheckChar } from '#registry';

/** A valid ID number for a birth date 'YYYYMMDD' and a 3-digit sequence (odd = male). */
export function idNumber(birth: string, seq: number, region = '510105'): string {
  const first = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first + idNumberCheckChar(first);
}

/** A valid USCC from a 9-character serial (digits / letters of the USCC set). */
export function uscc(serial: string, region = '510105'): string {
  const first = `91${region}${serial.padStart(9, '0')}`;
  return first + usccCheckChar(first);
}
