import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError, ErrorCode } from '#core';
import { TreeRow } from '../rules/tree-import';

const HEADERS: Record<string, keyof Omit<TreeRow, 'row'>> = {
  code: 'code',
  编码: 'code',
  代码: 'code',
  name: 'name',
  名称: 'name',
  level: 'level',
  层级: 'level',
  parent_code: 'parentCode',
  上级编码: 'parentCode',
  上级代码: 'parentCode',
};

/** Reads a tree file (CSV or XLSX, columns code,name,level,parent_code) into rows numbered as in the file. */
export async function readTreeFile(buffer: Buffer, filename: string): Promise<TreeRow[]> {
  const table = filename.toLowerCase().endsWith('.xlsx') ? await xlsxTable(buffer) : csvTable(buffer);
  if (!table.length) throw new DomainError(ErrorCode.ImportRejected, 'the file is empty');
  const header = table[0].map(
    (h) =>
      HEADERS[
        String(h ?? '')
          .trim()
          .replace(/^\uFEFF/, '')
          .toLowerCase()
      ] ?? HEADERS[String(h ?? '').trim()],
  );
  for (const need of ['code', 'name', 'level', 'parentCode'] as const) {
    if (!header.includes(need)) {
      throw new DomainError(ErrorCode.ImportRejected, `the header row lacks the column ${need === 'parentCode' ? 'parent_code' : need}`, [
        { field: need === 'parentCode' ? 'parent_code' : need, message: 'column missing', row: 1 },
      ]);
    }
  }
  const rows: TreeRow[] = [];
  table.slice(1).forEach((cells, i) => {
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const r: TreeRow = { row: i + 2, code: '', name: '', level: '', parentCode: '' };
    header.forEach((key, col) => {
      if (key) r[key] = String(cells[col] ?? '').trim();
    });
    rows.push(r);
  });
  return rows;
}

function csvTable(buffer: Buffer): string[][] {
  try {
    return parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw new DomainError(ErrorCode.ImportRejected, `the CSV file cannot be read: ${(e as Error).message}`);
  }
}

async function xlsxTable(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new DomainError(ErrorCode.ImportRejected, 'the XLSX file cannot be read');
  }
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws?.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    out.push(
      values.map((v) =>
        v === null || v === undefined ? '' : typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : String(v),
      ),
    );
  });
  return out;
}
