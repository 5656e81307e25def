// Numbers and dates as the seeds print them: 万人 with two decimals, rates with one decimal and %, money in yuan
// with two decimals, dates YYYY-MM-DD and times in Asia/Shanghai whatever the browser's time zone.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const BUSINESS_TZ = 'Asia/Shanghai';
const DASH = '—';

type Num = number | string | null | undefined;

/** A JSON number or a NUMERIC column's string; null for empty and not-a-number. */
function toNumber(v: Num): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Rounds half away from zero on the decimal digits as written (2.345 → 2.35, which toFixed gets wrong). */
export function roundHalfUp(v: number, digits: number): string {
  const sign = v < 0 ? '-' : '';
  const [int, frac = ''] = Math.abs(v)
    .toFixed(Math.max(digits + 6, 10))
    .split('.');
  const kept = BigInt(int + frac.slice(0, digits)) + (Number(frac[digits] ?? '0') >= 5 ? 1n : 0n);
  const s = kept.toString().padStart(digits + 1, '0');
  const out = digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return /^[0.]+$/.test(out) ? out : sign + out;
}

/** Thousands separators on the integer part: 1234567.5 → 1,234,567.5. */
function grouped(fixed: string): string {
  const [int, frac] = fixed.split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? g : `${g}.${frac}`;
}

/** People in 万人 with two decimals: 123456 → "12.35万人". */
export function formatWanRen(people: Num): string {
  const n = toNumber(people);
  return n === null ? DASH : `${grouped(roundHalfUp(n / 10000, 2))}万人`;
}

/** A whole count with separators and its unit: 12345 → "12,345人". */
export function formatCount(n: Num, unit = '人'): string {
  const v = toNumber(n);
  return v === null ? DASH : `${grouped(roundHalfUp(v, 0))}${unit}`;
}

/** A rate already in percent, one decimal: 94.25 → "94.3%". */
export function formatPercent(pct: Num): string {
  const n = toNumber(pct);
  return n === null ? DASH : `${roundHalfUp(n, 1)}%`;
}

/** A ratio (0..1) as a percent, one decimal: 0.9425 → "94.3%". */
export function formatRatio(ratio: Num): string {
  const n = toNumber(ratio);
  return n === null ? DASH : formatPercent(n * 100);
}

/** Yuan with two decimals and separators: 1234567.5 → "1,234,567.50元". */
export function formatYuan(yuan: Num): string {
  const n = toNumber(yuan);
  return n === null ? DASH : `${grouped(roundHalfUp(n, 2))}元`;
}

/** A calendar date: "2026-03-02" stays as it is; an instant is the Asia/Shanghai date it falls on. */
export function formatDate(v: string | Date | null | undefined): string {
  if (!v) return DASH;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return dayjs(v).tz(BUSINESS_TZ).format('YYYY-MM-DD');
}

/** An instant in Beijing time: "2026-03-02T02:00:00Z" → "2026-03-02 10:00". */
export function formatDateTime(v: string | Date | null | undefined): string {
  if (!v) return DASH;
  return dayjs(v).tz(BUSINESS_TZ).format('YYYY-MM-DD HH:mm');
}

/** Today's business date in Asia/Shanghai. */
export function businessToday(now: Date = new Date()): string {
  return dayjs(now).tz(BUSINESS_TZ).format('YYYY-MM-DD');
}
