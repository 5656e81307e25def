import { workbookBuffer } from '#core';
import ExcelJS from 'exceljs';
import { ProgressRow } from '../dto/dashboard.types';
import { addProgressSheet, addRankingSheet } from './progress-xlsx';

const row = (over: Partial<ProgressRow>): ProgressRow => ({
  unitId: 1,
  code: 'U1',
  name: '单位',
  taskId: 10,
  target: null,
  actual: '0',
  denominator: null,
  value: null,
  rate: null,
  ratePct: null,
  expectedRate: 0.583,
  expectedPct: '58.3',
  gap: null,
  gapPct: null,
  status: null,
  rank: null,
  ...over,
});

/** Writes the sheets, reads the file back as Excel would. */
async function roundTrip(add: (wb: ExcelJS.Workbook) => void): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  add(wb);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await workbookBuffer(wb)) as never);
  return back.worksheets[0];
}

const cells = (ws: ExcelJS.Worksheet, r: number, n: number) => Array.from({ length: n }, (_, c) => ws.getRow(r).getCell(c + 1).value);

// seed 002 annex 3: 合计 2727334 / 2891437 = 94.3 %, 和平 311124 / 327458 = 95.0 %, 河东 143980 / 157358 = 91.5 %
const seedCount = {
  title: '企业养老保险缴费人数完成进度统计表（截至2015-07-31）',
  unitLabel: '人',
  total: row({ name: '天津', actual: '2727334', target: '2891437', ratePct: '94.3', status: 'ahead' }),
  rows: [
    row({ name: '和平', actual: '311124', target: '327458', ratePct: '95.0', status: 'ahead', rank: 1 }),
    row({ name: '河东', actual: '143980', target: '157358', ratePct: '91.5', status: 'ahead', rank: 2 }),
    // seed 002 annex 5: 汉沽 has no plan: blank plan and rate
    row({ name: '汉沽', actual: '388', target: null, ratePct: null, status: 'no_plan', rank: null }),
  ],
};

// A coverage rate (seed 003: 98.5 % target): 9700 insured of 10000 = 97.00 %; completion 0.97 / 0.985 = 98.477 % (98.5 / 98.48)
const seedRatio = {
  title: '基本医疗保险参保率完成进度统计表',
  unitLabel: '%',
  total: row({ name: '盐城', actual: '9700', denominator: '10000', value: 0.97, target: '98.5', ratePct: '98.5', status: 'ahead' }),
  rows: [row({ name: '亭湖区', actual: '9700', denominator: '10000', value: 0.97, target: '98.5', ratePct: '98.5', status: 'ahead', rank: 1 })],
};

describe('progress exports', () => {
  it('prints the progress table like seed 002 annex 3: 合计 first and bold, figures and rates as number cells, A4 landscape', async () => {
    const ws = await roundTrip((wb) => addProgressSheet(wb, seedCount));
    expect(ws.getCell('A1').value).toBe(seedCount.title);
    expect(ws.getCell('A2').value).toBe('单位：人、%');
    expect(cells(ws, 3, 6)).toEqual(['单位', '实际完成', '计划指标', '完成进度', '序时进度', '状态']);
    expect(cells(ws, 4, 6)).toEqual(['合计', 2727334, 2891437, 0.943, 0.583, '超序时进度']);
    expect(cells(ws, 5, 6)).toEqual(['和平', 311124, 327458, 0.95, 0.583, '超序时进度']);
    expect(cells(ws, 7, 6)).toEqual(['汉沽', 388, null, null, 0.583, '无计划']);
    expect(['B4', 'C4', 'D4', 'E4'].map((a) => ws.getCell(a).numFmt)).toEqual(['0', '0', '0.0%', '0.0%']);
    expect(ws.getCell('A4').font).toMatchObject({ bold: true });
    expect(ws.getCell('C7').border).toMatchObject({ top: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:F1', 'A2:F2']));
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('prints a 98.5 % ratio target as 0.985 with a percent format, not 9850%', async () => {
    const ws = await roundTrip((wb) => addProgressSheet(wb, seedRatio, true));
    expect(ws.getCell('A2').value).toBe('单位：%');
    expect(cells(ws, 4, 5)).toEqual(['合计', 0.97, 0.985, 0.985, 0.583]);
    expect(typeof ws.getCell('C4').value).toBe('number');
    expect(['B4', 'C4', 'D4'].map((a) => ws.getCell(a).numFmt)).toEqual(['0.00%', '0.0%', '0.0%']);
  });

  it('prints the ranking like seed 002 annex 5: two-decimal rates, the unit without a plan numbered after the ranked, 合计 last', async () => {
    const ws = await roundTrip((wb) => addRankingSheet(wb, { ...seedCount, title: '企业养老保险完成情况排名' }));
    expect(cells(ws, 3, 5)).toEqual(['序号', '单位', '实际完成', '计划指标', '完成率']);
    // 311124 / 327458 = 95.0119 % -> 95.01 %; 143980 / 157358 = 91.4984 % -> 91.50 %; 2727334 / 2891437 = 94.3245 % -> 94.32 %
    expect(cells(ws, 4, 5)).toEqual([1, '和平', 311124, 327458, 0.9501]);
    expect(cells(ws, 5, 5)).toEqual([2, '河东', 143980, 157358, 0.915]);
    expect(cells(ws, 6, 5)).toEqual([3, '汉沽', 388, null, null]);
    expect(cells(ws, 7, 5)).toEqual([4, '合计', 2727334, 2891437, 0.9432]);
    expect(ws.getCell('E4').numFmt).toBe('0.00%');
    expect(ws.getCell('B7').font).toMatchObject({ bold: true });
    expect(ws.getCell('B6').font?.bold).toBeFalsy();
  });

  it('ranks a ratio indicator on its rates: 97.00 % against 98.5 %, completion 98.48 %', async () => {
    const ws = await roundTrip((wb) => addRankingSheet(wb, seedRatio, true));
    expect(cells(ws, 4, 5)).toEqual([1, '亭湖区', 0.97, 0.985, 0.9848]);
    expect(['C4', 'D4', 'E4'].map((a) => ws.getCell(a).numFmt)).toEqual(['0.00%', '0.0%', '0.00%']);
  });

  it('prints a rate reported alone (按比率填报) as that rate, not a blank: 99 % against 98.5 %, completion 100.51 %', async () => {
    // the unit's own report carries only 99 %: the rollup holds 0 / 0 for it, value is the reported rate
    const rateOnly = row({
      name: '大丰区',
      actual: '0',
      denominator: '0',
      value: 0.99,
      rateOnly: true,
      reportedRate: '99',
      target: '98.5',
      ratePct: '100.5',
      rank: 1,
    });
    const spec = { ...seedRatio, total: { ...seedRatio.total, rateOnlyBelow: 1 }, rows: [rateOnly] };
    const ranking = await roundTrip((wb) => addRankingSheet(wb, spec, true));
    // 0.99 / 0.985 = 1.005076... -> 100.51 %; a 备注 column marks the row, and the 合计 that leaves it out
    expect(cells(ranking, 3, 6)).toEqual(['序号', '单位', '实际完成', '计划指标', '完成率', '备注']);
    expect(cells(ranking, 4, 6)).toEqual([1, '大丰区', 0.99, 0.985, 1.0051, '按比率填报']);
    expect(cells(ranking, 5, 6)[5]).toBe('1个单位按比率填报，未计入');
    const table = await roundTrip((wb) => addProgressSheet(wb, spec, true));
    expect(cells(table, 5, 4)).toEqual(['大丰区', 0.99, 0.985, 1.005]);
    expect(cells(table, 4, 7)[6]).toBe('1个单位按比率填报，未计入');
    expect(cells(table, 5, 7)[6]).toBe('按比率填报');
    // without rate-only rows the seed's columns only
    expect(cells(await roundTrip((wb) => addRankingSheet(wb, seedRatio, true)), 3, 6)).toEqual(['序号', '单位', '实际完成', '计划指标', '完成率', null]);
  });
});
