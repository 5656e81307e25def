import { NUM_FMT, percentCell, tableWorkbook, XlsxFile } from '#core';
import { Exact } from '../rules/exact';
import { SettlementView } from '../dto/settlement.types';

const TIER_ZH: Record<string, string> = {
  full: '全额奖励',
  partial: '奖励',
  none: '不奖励',
  criticised: '通报批评、约谈',
  zero: '零完成：通报批评、诫勉谈话、书面说明、扣发',
};

/** The settlement as a workbook: one line per unit or cadre and a 合计 row. */
export function settlementWorkbook(s: SettlementView): Promise<XlsxFile> {
  const yes = (b: boolean) => (b ? '是' : '');
  // 合计 counts each enrolee once: the persons each line is paid for (计奖人数) add up; the lines' figures (新增参保人数) do not
  const lines = s.lines ?? [];
  const mobilised = lines.reduce((x, l) => x.add(l.mobilised), Exact.ZERO);
  return tableWorkbook(`${s.unitName}${s.indicatorName}奖惩结算（截至${s.asOf}）.xlsx`, [
    {
      name: '奖惩结算',
      title: `${s.unitName}${s.indicatorName}奖惩结算（截至 ${s.asOf}，${s.state === 'confirmed' ? '已确认' : '草稿'}）`,
      unit: '人、%、元',
      headers: [
        '单位',
        '干部',
        { header: '任务数', numFmt: NUM_FMT.integer },
        { header: '新增参保人数', numFmt: NUM_FMT.integer },
        { header: '计奖人数', numFmt: NUM_FMT.integer },
        { header: '完成率', numFmt: NUM_FMT.percent1 },
        '档次',
        { header: '奖励（元）', numFmt: NUM_FMT.decimal2 },
        { header: '扣发（元）', numFmt: NUM_FMT.decimal2 },
        '通报批评',
        '约谈',
        '诫勉谈话',
        '书面说明',
      ],
      totalRows: [lines.length],
      rows: [
        ...lines.map((l) => [
          l.unitName,
          l.cadreName ?? '',
          Number(l.target),
          Number(l.newEnrolees),
          Number(l.mobilised),
          percentCell(l.ratePct),
          TIER_ZH[l.tier],
          Number(l.reward),
          Number(l.deduction),
          yes(l.criticism),
          yes(l.talk),
          yes(l.admonition),
          yes(l.writtenExplanation),
        ]),
        ['合计', '', null, null, Number(mobilised.toDecimalString()), null, null, Number(s.totals.reward), Number(s.totals.deduction)],
      ],
    },
  ]);
}
