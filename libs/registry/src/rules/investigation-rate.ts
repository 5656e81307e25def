// seed 002 annex 4 (扩面资源排查工作进度统计表): investigation rates in percent with one decimal

/** Percent with one decimal, half up; null when nothing was issued. */
export function ratePercent(done: number, issued: number): number | null {
  if (!issued) return null;
  return Math.round((done * 1000) / issued) / 10;
}
