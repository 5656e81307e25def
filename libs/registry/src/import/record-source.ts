import { ByteSource } from '#core';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { csvRecords, RecordBatch } from './csv-records';

/**
 * The records of an uploaded file (a path, or the bytes `source` opens: an upload in the database), one string array per row (the first is the header), streamed in batches:
 * CSV through our line splitter (csv-records.ts), XLSX through exceljs' streaming WorkbookReader (first worksheet only).
 */
export async function* readRecords(source: string | ByteSource, format: 'csv' | 'xlsx'): AsyncGenerator<RecordBatch> {
  if (format === 'csv') {
    yield* csvRecords(source);
    return;
  }
  const input = typeof source === 'string' ? source : Readable.from(source());
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    let batch: RecordBatch = { records: [], rows: [] };
    let last = 0;
    for await (const row of sheet) {
      const values = (row as ExcelJS.Row).values as unknown[];
      const out: string[] = [];
      for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
      if (out.some((v) => v !== '')) {
        batch.records.push(out);
        // a <row> may omit its number (r): it is then the row after the previous one
        const n = (row as ExcelJS.Row).number;
        last = Number.isInteger(n) ? n : last + 1;
        batch.rows.push(last);
      }
      if (batch.records.length === 1000) {
        yield batch;
        batch = { records: [], rows: [] };
      }
    }
    if (batch.records.length) yield batch;
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
