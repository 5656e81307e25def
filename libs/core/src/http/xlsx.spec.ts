import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { sendXlsx, tableWorkbook, XLSX_MIME } from './xlsx';

describe('xlsx helpers', () => {
  it('builds a table sheet: title row, bold header row, rows, widths', async () => {
    const file = await tableWorkbook('t.xlsx', [
      {
        name: '名单',
        title: '标题',
        headers: ['序号', '单位'],
        rows: [
          [1, '甲'],
          [2, '乙'],
        ],
        widths: [6, 20],
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buffer as never);
    const ws = wb.getWorksheet('名单')!;
    expect([1, 2, 3, 4].map((r) => ws.getRow(r).values)).toEqual([
      [undefined, '标题'],
      [undefined, '序号', '单位'],
      [undefined, 1, '甲'],
      [undefined, 2, '乙'],
    ]);
    expect(ws.getRow(2).font).toMatchObject({ bold: true });
    expect([ws.getColumn(1).width, ws.getColumn(2).width]).toEqual([6, 20]);
  });

  it('names a Chinese file in the UTF-8 form and gives an ASCII fallback', () => {
    const headers: Record<string, string> = {};
    const res = { set: (h: Record<string, string>) => Object.assign(headers, h) } as unknown as Response;
    sendXlsx(res, { fileName: '进度表-2026.xlsx', buffer: Buffer.from('x') });
    expect(headers).toEqual({
      'Content-Type': XLSX_MIME,
      'Content-Disposition': `attachment; filename="___-2026.xlsx"; filename*=UTF-8''%E8%BF%9B%E5%BA%A6%E8%A1%A8-2026.xlsx`,
    });
  });
});
