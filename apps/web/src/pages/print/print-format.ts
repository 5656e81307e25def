// Dates as printed documents write them.

/** "2026-09-14" → "2026年9月14日". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
