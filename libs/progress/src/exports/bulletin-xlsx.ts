import { NUM_FMT, percentCell, tableWorkbook, TableSheet, XlsxFile } from '#core';
import { ProgressRow } from '../dto/dashboard.types';
import { achieved, figureFmt, plan, rankingTable, STATUS_ZH, unitLine } from './progress-xlsx';
import { BulletinSection, BulletinView } from '../dto/bulletin.types';
import { bulletinFileName, unitLabel } from '../rules/bulletin-content';
import { FORECAST_STATUS_ZH, paceText } from '../rules/forecast-content';

/** The child tasks that will miss the deadline at the current pace, with the pace each needs from the bulletin's date. */
function forecastTable(b: BulletinView): TableSheet | null {
  const f = b.content.forecast;
  if (!f) return null;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    name: '预计无法按期完成',
    title: `${b.content.unitName}预计无法按期完成的任务（截至${b.date}，按近四周进度，共${f.total}项）`,
    unit: '单位：人、元；比率为百分点',
    headers: [
      '指标',
      '单位',
      '截止日期',
      { header: '目标', numFmt: NUM_FMT.decimal2 },
      { header: '已完成', numFmt: NUM_FMT.decimal2 },
      { header: '预计截止完成', numFmt: NUM_FMT.decimal2 },
      { header: '预计完成率', numFmt: NUM_FMT.percent1 },
      '预计完成日期',
      '需日均',
      '需周均',
      '需每工作日',
      '状态',
    ],
    rows: f.rows.map((r) => [
      r.indicatorName,
      r.unitName,
      r.deadline,
      num(r.target),
      num(r.actual),
      num(r.trend?.projected ?? r.linear?.projected ?? null),
      percentCell(r.projectedPct),
      r.trend?.reachOn ?? r.linear?.reachOn ?? '',
      r.needed ? paceText(r, r.needed.perDay, '天') : '',
      r.needed ? paceText(r, r.needed.perWeek, '周') : '',
      r.needed ? paceText(r, r.needed.perWorkingDay, '工作日') : '',
      FORECAST_STATUS_ZH[r.status] ?? '',
    ]),
  };
}

/** The units praised and criticised under one indicator, with the figures behind each (rates as percent cells). */
function praiseTable(b: BulletinView, s: BulletinSection): TableSheet {
  const isRatio = s.kind === 'ratio';
  const label = unitLabel(s.unit);
  const figure = isRatio ? NUM_FMT.percent2 : figureFmt(label);
  const lines = (category: string, rows: ProgressRow[]) =>
    rows.map((r) => [
      category,
      r.name,
      achieved(r, isRatio),
      plan(r, isRatio),
      percentCell(r.ratePct),
      percentCell(r.expectedPct),
      STATUS_ZH[r.status ?? ''] ?? '',
    ]);
  return {
    name: `${s.name}表扬批评`,
    title: `${b.content.unitName}${s.name}表扬批评名单（截至${b.date}）`,
    unit: unitLine(label, isRatio),
    headers: [
      '类别',
      '单位',
      { header: '实际完成', numFmt: figure },
      { header: '计划指标', numFmt: isRatio ? NUM_FMT.percent1 : figure },
      { header: '完成进度', numFmt: NUM_FMT.percent1 },
      { header: '序时进度', numFmt: NUM_FMT.percent1 },
      '状态',
    ],
    rows: [...lines('表扬', s.praised), ...lines('批评（落后序时进度）', s.criticised), ...lines('批评（零完成）', s.zero)],
  };
}

/** The bulletin as a workbook: per indicator its ranking sheet (seed 002 annex 5) and its praise and criticism sheet. */
export function bulletinWorkbook(b: BulletinView): Promise<XlsxFile> {
  const sheets = b.content.sections.flatMap((s) => [
    {
      ...rankingTable(
        { title: `${b.content.unitName}${s.name}完成情况排名（截至${b.date}）`, unitLabel: unitLabel(s.unit), total: s.total, rows: s.ranking },
        s.kind === 'ratio',
      ),
      name: `${s.name}排名`,
    },
    praiseTable(b, s),
  ]);
  const forecast = forecastTable(b);
  return tableWorkbook(bulletinFileName(b, 'xlsx'), forecast ? [...sheets, forecast] : sheets);
}
