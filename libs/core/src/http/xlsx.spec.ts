import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { attachmentNamed, NUM_FMT, percentCell, sendXlsx, shiftDecimal, tableWorkbook, textWidth, XLSX_MIME } from './xlsx';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  return wb;
}

describe('xlsx helpers', () => {
  it('writes a workbook with nothing to list as one sheet saying so (Excel opens no workbook without sheets)', async () => {
    const wb = await load((await tableWorkbook('空.xlsx', [])).buffer);
    expect(wb.worksheets.map((w) => [w.name, w.getCell('A1').value])).toEqual([['说明', '没有可导出的数据（no data to export）']]);
  });

  it('builds a plain table sheet: title merged across, bold header, rows, given widths', async () => {
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
    const ws = (await load(file.buffer)).getWorksheet('名单')!;
    expect([1, 2, 3, 4].map((r) => ws.getRow(r).values)).toEqual([
      [undefined, '标题', '标题'], // merged A1:B1 reads back on both cells
      [undefined, '序号', '单位'],
      [undefined, 1, '甲'],
      [undefined, 2, '乙'],
    ]);
    expect(ws.model.merges).toEqual(['A1:B1']);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getRow(2).getCell(1).font).toMatchObject({ bold: true });
    expect([ws.getColumn(1).width, ws.getColumn(2).width]).toEqual([6, 20]);
    // one header row: row 2 repeats on every page and stays on screen
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('prints seed 002 annex 4: title, 单位 line, a two-row grouped header, 合计 bold, rates as percent cells, borders, A4 landscape', async () => {
    const file = await tableWorkbook('排查进度.xlsx', [
      {
        name: '排查进度',
        title: '2015年7月份扩面资源排查工作进度统计表',
        unit: '户、人、%',
        headers: [
          '单位',
          { group: '下发资源总量', header: '户数', numFmt: NUM_FMT.integer },
          { group: '下发资源总量', header: '人数', numFmt: NUM_FMT.integer },
          { group: '已排查资源', header: '户数', numFmt: NUM_FMT.integer },
          { group: '已排查资源', header: '人数', numFmt: NUM_FMT.integer },
          { group: '完成任务比例', header: '户数', numFmt: NUM_FMT.percent1 },
          { group: '完成任务比例', header: '人数', numFmt: NUM_FMT.percent1 },
        ],
        // seed figures: 16309 / 108138 = 15.08 % -> 15.1 %; 379716 / 1225558 = 30.98 % -> 31.0 %
        rows: [
          ['合计', 108138, 1225558, 16309, 379716, percentCell('15.1'), percentCell('31.0')],
          ['和平', 3965, 44006, 3569, 39064, 0.9, 0.888],
          ['无资源区', 0, 0, 0, 0, null, null],
        ],
        totalRows: [0],
      },
    ]);
    const ws = (await load(file.buffer)).getWorksheet('排查进度')!;
    expect(ws.getCell('A1').value).toBe('2015年7月份扩面资源排查工作进度统计表');
    expect(ws.getCell('A2').value).toBe('单位：户、人、%');
    expect(ws.getCell('A2').alignment).toMatchObject({ horizontal: 'right' });
    expect([...ws.model.merges].sort()).toEqual(['A1:G1', 'A2:G2', 'A3:A4', 'B3:C3', 'D3:E3', 'F3:G3']);
    expect(['A3', 'B3', 'D3', 'F3'].map((a) => ws.getCell(a).value)).toEqual(['单位', '下发资源总量', '已排查资源', '完成任务比例']);
    expect(['B4', 'C4', 'D4', 'E4', 'F4', 'G4'].map((a) => ws.getCell(a).value)).toEqual(['户数', '人数', '户数', '人数', '户数', '人数']);
    const total = ws.getRow(5);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => total.getCell(c).value)).toEqual(['合计', 108138, 1225558, 16309, 379716, 0.151, 0.31]);
    expect(typeof total.getCell(6).value).toBe('number');
    expect([total.getCell(2).numFmt, total.getCell(6).numFmt]).toEqual(['0', '0.0%']);
    expect(total.getCell(1).font).toMatchObject({ bold: true });
    expect(ws.getRow(6).getCell(1).font?.bold).toBeFalsy();
    // every table cell has thin borders, the blank rate too; the title has none
    for (const a of ['A3', 'B3', 'C3', 'G4', 'A5', 'G5', 'F7', 'G7'])
      expect(ws.getCell(a).border).toEqual(
        expect.objectContaining({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }),
      );
    expect(ws.getCell('A1').border ?? {}).toEqual({});
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    // widths for Chinese text, + 2: 无资源区 4 CJK = 8 -> 10; 108138 -> 8; 1225558 -> 9 (written 9.01: exceljs drops a width of 9);
    // 完成任务比例 (12) shared by two columns = 6, wider than 15.1% (5) -> 8
    expect([1, 2, 3, 6].map((c) => ws.getColumn(c).width)).toEqual([10, 8, 9.01, 8]);
  });

  it('makes sheet names Excel takes: no : or /, 31 characters, unique', async () => {
    const sheet = { name: '甲/乙:丙', headers: ['a'], rows: [] };
    const wb = await load((await tableWorkbook('x.xlsx', [sheet, sheet, { ...sheet, name: 'x'.repeat(40) }])).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['甲_乙_丙', '甲_乙_丙_2', 'x'.repeat(31)]);
  });

  it('counts CJK characters as two', () => {
    expect(textWidth('单位：人、%')).toBe(11);
    expect(textWidth('ABC')).toBe(3);
  });

  it('moves a decimal string without float noise', () => {
    expect(shiftDecimal('94.3', -2)).toBe(0.943);
    expect(shiftDecimal('5', -2)).toBe(0.05);
    expect(shiftDecimal('3600', -4)).toBe(0.36); // 3 600 people = 0.36 万人
    expect(shiftDecimal('-1.5', -1)).toBe(-0.15);
    expect(shiftDecimal('0.985', 2)).toBe(98.5);
    expect(percentCell('170.28')).toBe(1.7028);
    expect(percentCell('98.5%')).toBe(0.985);
    expect(percentCell(null)).toBeNull();
  });

  it('names a Chinese file in the UTF-8 form and gives an ASCII fallback', () => {
    const headers: Record<string, string> = {};
    const res = { set: (h: Record<string, string>) => Object.assign(headers, h) } as unknown as Response;
    sendXlsx(res, { fileName: '进度表-2026.xlsx', buffer: Buffer.from('x') });
    expect(headers).toEqual({
      'Content-Type': XLSX_MIME,
      'Content-Disposition': `attachment; filename="___-2026.xlsx"; filename*=UTF-8''%E8%BF%9B%E5%BA%A6%E8%A1%A8-2026.xlsx`,
    });
    // RFC 5987: ( and ) are not attr-chars
    expect(attachmentNamed('甲/乙.xlsx')).toBe(`attachment; filename="___.xlsx"; filename*=UTF-8''%E7%94%B2_%E4%B9%99.xlsx`);
    expect(attachmentNamed('表(1).xlsx')).toBe(`attachment; filename="_(1).xlsx"; filename*=UTF-8''%E8%A1%A8%281%29.xlsx`);
  });
});
