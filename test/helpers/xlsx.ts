import ExcelJS from 'exceljs';

/** supertest parser that keeps a download's bytes: `.buffer(true).parse(binary)`. */
export function binary(res: import('supertest').Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** The cell values of each row of a workbook's first sheet (ExcelJS's 1-based values, without the empty first). */
export async function firstSheetRows(body: Parameters<ExcelJS.Xlsx['load']>[0]): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}
