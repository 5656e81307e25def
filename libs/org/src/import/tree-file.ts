import { parse } from 'csv-parse/sync';
import { DomainError, ErrorCode } from '#core';
import { TreeRow } from '../rules/tree-import';
import { tableProblem, TREE_FILE_LIMITS } from '../rules/upload-limits';
import { readXlsxTable } from './xlsx-reader';

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
  const table = filename.toLowerCase().endsWith('.xlsx') ? await readXlsxTable(buffer) : csvTable(buffer);
  if (!table.length) throw new DomainError(ErrorCode.ImportRejected, '文件是空的，请检查后重新上传（the file is empty）');
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
      throw new DomainError(
        ErrorCode.ImportRejected,
        `表头缺少 ${need === 'parentCode' ? 'parent_code' : need} 列，表头须为 code,name,level,parent_code（the header row lacks the column ${need === 'parentCode' ? 'parent_code' : need}）`,
        [{ field: need === 'parentCode' ? 'parent_code' : need, message: '表头缺少此列（column missing）', row: 1 }],
      );
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
  let table: string[][];
  try {
    // one record past the limit is enough to know the file is too long
    table = parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: true, to: TREE_FILE_LIMITS.maxRows + 2 }) as string[][];
  } catch (e) {
    throw new DomainError(ErrorCode.ImportRejected, `CSV 文件无法读取，请检查文件格式（the CSV file cannot be read: ${(e as Error).message}）`);
  }
  const problem = tableProblem(table.length, Math.max(0, ...table.map((r) => trimmedLength(r))));
  if (problem) throw new DomainError(ErrorCode.ImportRejected, problem, [{ field: 'file', message: problem }]);
  return table;
}

function trimmedLength(cells: string[]): number {
  let end = cells.length;
  while (end > 0 && String(cells[end - 1] ?? '').trim() === '') end--;
  return end;
}
