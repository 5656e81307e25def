import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';

/**
 * The records of an uploaded file, one string array per row (the first is the header), streamed:
 * CSV through csv-parse, XLSX through exceljs' streaming WorkbookReader (first worksheet only).
 */
export async function* readRecords(path: string, format: 'csv' | 'xlsx'): AsyncGenerator<string[]> {
  if (format === 'csv') {
    const parser = createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
    for await (const rec of parser) yield rec as string[];
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row as ExcelJS.Row).values as unknown[];
      const out: string[] = [];
      for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
      if (out.some((v) => v !== '')) yield out;
    }
    return;
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if (o.text !== undefined) return String(o.text);
  if (o.result !== undefined) return cellText(o.result);
  return String(v);
}
