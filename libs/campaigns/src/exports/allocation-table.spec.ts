import ExcelJS from 'exceljs';
import { buildAllocationTable, TableColumn } from './allocation-table';

const cells = (ws: ExcelJS.Worksheet, r: number, n: number) => Array.from({ length: n }, (_, c) => ws.getRow(r).getCell(c + 1).value);

describe('allocation table', () => {
  // seed 003 annex 1: 全市 8.00 万人 = 80 000 people, 市本级 0.36 (3 600), 亭湖区 0.84 (8 400); 参保率 98.5 % for each
  const children = [
    { id: 1, name: '市本级' },
    { id: 2, name: '亭湖区' },
    { id: 3, name: '盐南高新区' },
  ];
  const columns: TableColumn[] = [
    {
      name: '企业职工基本养老保险年新增参保人数',
      unit: 'person',
      total: '80000',
      totalDeadline: '2022-12-31',
      lines: new Map([
        [1, { target: '3600', deadline: '2022-12-31' }],
        [2, { target: '8400', deadline: '2022-12-31' }],
      ]),
    },
    {
      name: '基本医疗保险参保率',
      unit: 'percent',
      total: '98.5',
      totalDeadline: '2022-12-31',
      lines: new Map([
        [1, { target: '98.5', deadline: '2022-12-31' }],
        [2, { target: '98.5', deadline: '2022-12-31' }],
        [3, { target: '98.5', deadline: '2022-12-31' }],
      ]),
    },
  ];

  it('prints seed 003 annex 1: a grouped header, 万人 with two decimals, rates as percent cells, 合计 first and bold', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildAllocationTable('盐城市目标任务分解表', '全市', children, columns)) as never);
    const ws = wb.getWorksheet('任务分解表')!;
    expect(ws.getCell('A1').value).toBe('盐城市目标任务分解表');
    expect(ws.getCell('A2').value).toBe('单位：万人、%');
    expect([...ws.model.merges].sort()).toEqual(['A1:E1', 'A2:E2', 'A3:A4', 'B3:C3', 'D3:E3']);
    expect(cells(ws, 3, 5)).toEqual([
      '地区',
      '企业职工基本养老保险年新增参保人数',
      '企业职工基本养老保险年新增参保人数',
      '基本医疗保险参保率',
      '基本医疗保险参保率',
    ]);
    expect(cells(ws, 4, 5)).toEqual(['地区', '目标（万人）', '完成时限', '目标（%）', '完成时限']);
    expect(cells(ws, 5, 5)).toEqual(['全市', 8, '2022-12-31', 0.985, '2022-12-31']);
    expect(cells(ws, 6, 5)).toEqual(['市本级', 0.36, '2022-12-31', 0.985, '2022-12-31']);
    expect(cells(ws, 8, 5)).toEqual(['盐南高新区', null, null, 0.985, '2022-12-31']);
    expect(['B5', 'D5'].map((a) => ws.getCell(a).numFmt)).toEqual(['0.00', '0.0%']);
    expect(ws.getCell('A5').font).toMatchObject({ bold: true });
    expect(ws.getCell('C8').border).toMatchObject({ left: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('prints a target under 1 万 in whole people', async () => {
    const small: TableColumn = {
      name: '新增参保',
      unit: 'person',
      total: '100',
      totalDeadline: '2026-12-31',
      lines: new Map([[1, { target: '70', deadline: '2026-06-30' }]]),
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildAllocationTable('分解表', '合计', children.slice(0, 1), [small])) as never);
    const ws = wb.worksheets[0];
    expect(cells(ws, 4, 3)).toEqual(['地区', '目标（人）', '完成时限']);
    expect(cells(ws, 6, 3)).toEqual(['市本级', 70, '2026-06-30']);
    expect(ws.getCell('B6').numFmt).toBe('0');
  });
});
