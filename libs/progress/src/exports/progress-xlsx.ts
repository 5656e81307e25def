import { addTableSheet, NUM_FMT, percentCell, shiftDecimal, TableSheet } from '#core';
import ExcelJS from 'exceljs';
import { ProgressRow } from '../dto/dashboard.types';
import { Exact } from '../rules/exact';
import { ratioValue } from '../rules/progress-row';
import { completionRate, percent2 } from '../rules/rollup';

export interface SheetSpec {
  title: string;
  unitLabel: string;
  total: ProgressRow;
  rows: ProgressRow[];
}

/** A count or an amount as a number cell; blank when there is none. */
function num(v: string | null): number | null {
  return v === null ? null : Number(v);
}

/** Format of the figures of a count (whole people) or an amount (yuan with two decimals). */
export const figureFmt = (unitLabel: string) => (unitLabel === '元' ? NUM_FMT.decimal2 : NUM_FMT.integer);

/**
 * What a unit achieved: the count or amount, or for a ratio indicator its rate (numerator / denominator, or the rate
 * reported alone) as a fraction, two decimals of percent.
 */
export function achieved(row: ProgressRow, isRatio: boolean): number | null {
  if (!isRatio) return num(row.actual);
  return percentCell(percent2(ratioValue(row)));
}

/** The plan: a count or amount, or a ratio target stored as a percent number (98.5) printed as 98.5 % (the cell holds 0.985). */
export function plan(row: ProgressRow, isRatio: boolean): number | null {
  if (row.target === null) return null;
  return isRatio ? shiftDecimal(row.target, -2) : Number(row.target);
}

/**
 * Issue 17 point 6: a rate reported alone is marked on its row, and a row whose figure leaves such units out says how
 * many; null when there is nothing to say.
 */
export function rateOnlyNote(row: ProgressRow): string | null {
  if (row.rateOnly) return '按比率填报';
  return row.rateOnlyBelow ? `${row.rateOnlyBelow}个单位按比率填报，未计入` : null;
}

/** Adds a 备注 column with the rows' rate-only notes, only when one of them has a note (the seeds' tables have none). */
function withNotes(sheet: TableSheet, rows: ProgressRow[]): TableSheet {
  const notes = rows.map(rateOnlyNote);
  if (notes.every((n) => n === null)) return sheet;
  return { ...sheet, headers: [...sheet.headers, '备注'], rows: sheet.rows.map((r, i) => [...r, notes[i] ?? '']) };
}

/** The 单位 line: a ratio indicator's figures are all rates. */
export const unitLine = (unitLabel: string, isRatio: boolean) => (isRatio ? '%' : `${unitLabel}、%`);

/**
 * Seed 002 annex 3 (缴费人数完成进度统计表): 单位, 实际完成, 计划指标, 完成进度, then 序时进度 and 状态; the total row
 * (合计) first, then one row per unit. Rates are the dashboard's one-decimal half-up figures as percent cells.
 */
export function progressTable(spec: SheetSpec, isRatio = false): TableSheet {
  const figure = isRatio ? NUM_FMT.percent2 : figureFmt(spec.unitLabel);
  const line = (label: string, r: ProgressRow) => [
    label,
    achieved(r, isRatio),
    plan(r, isRatio),
    percentCell(r.ratePct),
    percentCell(r.expectedPct),
    STATUS_ZH[r.status ?? ''] ?? '',
  ];
  const sheet: TableSheet = {
    name: spec.title,
    title: spec.title,
    unit: unitLine(spec.unitLabel, isRatio),
    headers: [
      '单位',
      { header: '实际完成', numFmt: figure },
      { header: '计划指标', numFmt: isRatio ? NUM_FMT.percent1 : figure },
      { header: '完成进度', numFmt: NUM_FMT.percent1 },
      { header: '序时进度', numFmt: NUM_FMT.percent1 },
      '状态',
    ],
    rows: [line('合计', spec.total), ...spec.rows.map((r) => line(r.name, r))],
    totalRows: [0],
  };
  return withNotes(sheet, [spec.total, ...spec.rows]);
}

export function addProgressSheet(wb: ExcelJS.Workbook, spec: SheetSpec, isRatio = false): ExcelJS.Worksheet {
  return addTableSheet(wb, progressTable(spec, isRatio));
}

/**
 * The completion rate of a row with two decimals ('41.67%'), recomputed exactly from its figures (actual,
 * denominator, target: full-precision decimal strings), so stored bulletins print the same way.
 */
export function ratePct2(r: ProgressRow, isRatio: boolean): string | null {
  if (r.target === null) return null;
  const value = isRatio ? ratioValue(r) : Exact.of(r.actual);
  const pct = percent2(completionRate(value, isRatio ? Exact.of(r.target).div(100) : r.target));
  return pct === null ? null : `${pct}%`;
}

/**
 * Seed 002 annex 5 (完成情况表): 序号, 单位, 实际完成, 计划指标, 完成率 with two decimals (170.28%); ranked, units
 * without a rank (no plan) after them; 序号 is the rank, or the row's place for those (seed: 18 汉沽, no plan); 合计 last.
 */
export function rankingTable(spec: SheetSpec, isRatio = false): TableSheet {
  const figure = isRatio ? NUM_FMT.percent2 : figureFmt(spec.unitLabel);
  const ranked = [...spec.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const line = (no: number | null, label: string, r: ProgressRow) => [no, label, achieved(r, isRatio), plan(r, isRatio), percentCell(ratePct2(r, isRatio))];
  const sheet: TableSheet = {
    name: spec.title,
    title: spec.title,
    unit: unitLine(spec.unitLabel, isRatio),
    headers: [
      { header: '序号', numFmt: NUM_FMT.integer },
      '单位',
      { header: '实际完成', numFmt: figure },
      { header: '计划指标', numFmt: isRatio ? NUM_FMT.percent1 : figure },
      { header: '完成率', numFmt: NUM_FMT.percent2 },
    ],
    rows: [...ranked.map((r, i) => line(r.rank ?? i + 1, r.name, r)), line(ranked.length + 1, '合计', spec.total)],
    totalRows: [ranked.length],
  };
  return withNotes(sheet, [...ranked, spec.total]);
}

export function addRankingSheet(wb: ExcelJS.Workbook, spec: SheetSpec, isRatio = false): ExcelJS.Worksheet {
  return addTableSheet(wb, rankingTable(spec, isRatio));
}

export const STATUS_ZH: Record<string, string> = { ahead: '超序时进度', on_track: '达到序时进度', behind: '落后序时进度', zero: '零完成', no_plan: '无计划' };
