import { ColumnDef } from './column-sets';

/** A bad row of an import: its number, its error lines' columns and reasons, and its cells (template order) when stored. */
export interface BadRow {
  rowNumber: number;
  columns: string[];
  reasons: string[];
  cells: (string | null)[] | null;
}

/**
 * A CSV field for Excel: quoted when it holds a quote, comma or line break; a leading tab keeps a long
 * digit string (an ID number: Excel would print 1.10105E+17 and lose the last digits) as text and a
 * leading = + - @ from being run as a formula. The importer trims cells, so a fixed errors.csv imports as it is.
 */
export function csvField(v: string): string {
  const s = /^\d{11,17}[\dXx]$/.test(v) || /^[=+\-@]/.test(v) ? `\t${v}` : v;
  return /[",\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * errors.csv: 行号, the documented columns with their Chinese names and the row's values as the file had
 * them, then 有误的列 and 原因 (several joined with 、 and ；). UTF-8 with a BOM, so Excel opens it; CRLF as
 * Excel writes. Its header is one the importer reads: the clerk fixes the rows and uploads the file again.
 */
export function errorsCsv(cols: ColumnDef[], rows: BadRow[]): string {
  const zh = new Map(cols.map((c) => [c.key, c.zh]));
  const lines = [['行号', ...cols.map((c) => c.zh), '有误的列', '原因'].join(',')];
  for (const r of rows) {
    const cells = cols.map((_, i) => csvField(r.cells?.[i] ?? ''));
    const columns = [...new Set(r.columns.map((c) => zh.get(c) ?? c))].join('、');
    lines.push([String(r.rowNumber), ...cells, csvField(columns), csvField(r.reasons.join('；'))].join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
