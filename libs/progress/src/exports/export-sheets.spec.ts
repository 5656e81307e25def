import ExcelJS from 'exceljs';
import { ProgressRow } from '../dto/dashboard.types';
import { BulletinView } from '../dto/bulletin.types';
import { SettlementLine, SettlementView } from '../dto/settlement.types';
import { bulletinWorkbook } from './bulletin-xlsx';
import { settlementWorkbook } from './settlement-xlsx';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  return wb;
}
const cells = (ws: ExcelJS.Worksheet, r: number, n: number) => Array.from({ length: n }, (_, c) => ws.getRow(r).getCell(c + 1).value);

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
  expectedRate: 0.5,
  expectedPct: '50.0',
  gap: null,
  gapPct: null,
  status: null,
  rank: null,
  ...over,
});

describe('bulletin workbook', () => {
  // 东湖区 1200 / 1000 = 120.0 % praised; 西湖区 300 / 1000 = 30.0 % behind 50 %; 合计 1500 / 2000 = 75.0 %
  const east = row({ name: '东湖区', actual: '1200', target: '1000', ratePct: '120.0', status: 'ahead', rank: 1 });
  const west = row({ name: '西湖区', actual: '300', target: '1000', ratePct: '30.0', status: 'behind', rank: 2 });
  const b: BulletinView = {
    id: 3,
    campaignId: 1,
    unitId: 9,
    date: '2026-05-10',
    trigger: 'manual',
    generatedAt: new Date('2026-05-10T02:00:00Z'),
    unitName: '某市',
    cadence: 'biweekly',
    issueNo: 3,
    periodEnd: '2026-05-13',
    content: {
      title: '2026年扩面双周进度通报',
      issuer: '某市社会保险扩面征缴工作领导小组办公室',
      campaignName: '2026年扩面',
      unitName: '某市',
      date: '2026-05-10',
      expectedPct: '50.0',
      sections: [
        {
          indicatorId: 7,
          code: 'EP',
          name: '新增参保',
          kind: 'count',
          unit: 'person',
          total: row({ name: '某市', actual: '1500', target: '2000', ratePct: '75.0', status: 'ahead' }),
          ranking: [east, west],
          praised: [east],
          criticised: [west],
          zero: [],
          sentences: [],
        },
      ],
    },
  };

  it('holds per indicator a ranking sheet and a praise and criticism sheet, both printable, with a Chinese file name', async () => {
    const file = await bulletinWorkbook(b);
    expect(file.fileName).toBe('某市2026年扩面双周进度通报第3期（2026-05-10）.xlsx');
    const wb = await load(file.buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['新增参保排名', '新增参保表扬批评']);
    const rank = wb.getWorksheet('新增参保排名')!;
    expect(rank.getCell('A1').value).toBe('某市新增参保完成情况排名（截至2026-05-10）');
    expect(rank.getCell('A2').value).toBe('单位：人、%');
    // two decimals as seed 002 annex 5: 120.00 %, 30.00 %, 75.00 %
    expect(cells(rank, 4, 5)).toEqual([1, '东湖区', 1200, 1000, 1.2]);
    expect(cells(rank, 6, 5)).toEqual([3, '合计', 1500, 2000, 0.75]);
    expect(rank.getCell('E4').numFmt).toBe('0.00%');
    expect(rank.getCell('B6').font).toMatchObject({ bold: true });
    const praise = wb.getWorksheet('新增参保表扬批评')!;
    expect(cells(praise, 3, 7)).toEqual(['类别', '单位', '实际完成', '计划指标', '完成进度', '序时进度', '状态']);
    expect(cells(praise, 4, 7)).toEqual(['表扬', '东湖区', 1200, 1000, 1.2, 0.5, '超序时进度']);
    expect(cells(praise, 5, 7)).toEqual(['批评（落后序时进度）', '西湖区', 300, 1000, 0.3, 0.5, '落后序时进度']);
    expect(['E5', 'F5'].map((a) => praise.getCell(a).numFmt)).toEqual(['0.0%', '0.0%']);
    for (const ws of [rank, praise]) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    }
  });
});

describe('settlement workbook', () => {
  const line = (over: Partial<SettlementLine>): SettlementLine => ({
    taskId: 1,
    unitId: 1,
    unitCode: 'T1',
    unitName: '单位T1',
    cadreUserId: null,
    cadreName: null,
    target: '600',
    newEnrolees: '700',
    mobilised: '50',
    rate: '1.1667',
    ratePct: '116.7',
    tier: 'full',
    reward: '1500',
    deduction: '0',
    criticism: false,
    talk: false,
    admonition: false,
    writtenExplanation: false,
    ...over,
  });
  const s: SettlementView = {
    id: 5,
    taskId: 1,
    period: '2026',
    asOf: '2026-12-31',
    state: 'confirmed',
    settings: { A: 80, B: 50, X: 20, Y: 30, Z: 100 },
    totals: { reward: '1500', deduction: '200', lines: 2 },
    computedAt: new Date(),
    confirmedAt: new Date(),
    unitId: 1,
    unitName: '某区',
    indicatorId: 7,
    indicatorName: '新增参保',
    // V9 nothing of 2 people: zero tier, 100 x 2 = 200 deducted
    lines: [
      line({}),
      line({
        unitName: '单位V9',
        target: '2',
        newEnrolees: '0',
        mobilised: '0',
        rate: '0',
        ratePct: '0.0',
        tier: 'zero',
        reward: '0',
        deduction: '200',
        criticism: true,
      }),
    ],
  };

  it('prints each line and a bold 合计 last, counts and money as number cells, rates as percent cells', async () => {
    const file = await settlementWorkbook(s);
    expect(file.fileName).toBe('某区新增参保奖惩结算（截至2026-12-31）.xlsx');
    const ws = (await load(file.buffer)).getWorksheet('奖惩结算')!;
    expect(ws.getCell('A1').value).toBe('某区新增参保奖惩结算（截至 2026-12-31，已确认）');
    expect(ws.getCell('A2').value).toBe('单位：人、%、元');
    expect(cells(ws, 4, 10)).toEqual(['单位T1', '', 600, 700, 50, 1.167, '全额奖励', 1500, 0, '']);
    expect(cells(ws, 5, 10)).toEqual(['单位V9', '', 2, 0, 0, 0, '零完成：通报批评、诫勉谈话、书面说明、扣发', 0, 200, '是']);
    // 计奖人数 50 + 0; reward 1500, deduction 200
    expect(cells(ws, 6, 9)).toEqual(['合计', '', null, null, 50, null, null, 1500, 200]);
    expect(['C4', 'F4', 'H4'].map((a) => ws.getCell(a).numFmt)).toEqual(['0', '0.0%', '0.00']);
    expect(ws.getCell('A6').font).toMatchObject({ bold: true });
    expect(ws.getCell('M6').border).toMatchObject({ bottom: { style: 'thin' } });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });
  });
});
