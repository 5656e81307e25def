import ExcelJS from 'exceljs';
import { ProgressRow } from '../dashboard/dashboard.types';

export interface SheetSpec {
  title: string;
  unitLabel: string;
  total: ProgressRow;
  rows: ProgressRow[];
}

function num(v: string | null): number | null {
  return v === null ? null : Number(v);
}

function shown(row: ProgressRow, isRatio: boolean): number | string | null {
  return isRatio ? (row.value === null ? null : `${(row.value * 100).toFixed(2)}%`) : num(row.actual);
}

/**
 * Seed 002 annex 3: 单位, 实际完成, 计划指标, 完成进度; the total row (合计) first, then one row per unit.
 * Percentages are the one-decimal half-up display strings of the dashboard.
 */
export function addProgressSheet(wb: ExcelJS.Workbook, spec: SheetSpec, isRatio = false): void {
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.addRow([spec.title]);
  ws.addRow([`单位：${spec.unitLabel}、%`]);
  ws.addRow(['单位', '实际完成', '计划指标', '完成进度', '序时进度', '状态']);
  const line = (label: string, r: ProgressRow) =>
    ws.addRow([
      label,
      shown(r, isRatio),
      isRatio ? (r.target === null ? null : `${Number(r.target) * 100}%`) : num(r.target),
      r.ratePct === null ? null : `${r.ratePct}%`,
      `${r.expectedPct}%`,
      STATUS_ZH[r.status ?? ''] ?? '',
    ]);
  line('合计', spec.total);
  for (const r of spec.rows) line(r.name, r);
  ws.getRow(3).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 16));
}

/** Seed 002 annex 5: 序号, 单位, 实际完成, 计划指标, 完成率; ranked, then the total row (合计) last. */
export function addRankingSheet(wb: ExcelJS.Workbook, spec: SheetSpec, isRatio = false): void {
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.addRow([spec.title]);
  ws.addRow([`单位：${spec.unitLabel}、%`]);
  ws.addRow(['序号', '单位', '实际完成', '计划指标', '完成率']);
  const ranked = [...spec.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  for (const r of ranked) ws.addRow([r.rank, r.name, shown(r, isRatio), num(r.target), r.ratePct === null ? null : `${r.ratePct}%`]);
  ws.addRow([ranked.length + 1, '合计', shown(spec.total, isRatio), num(spec.total.target), spec.total.ratePct === null ? null : `${spec.total.ratePct}%`]);
  ws.getRow(3).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 16));
}

export const STATUS_ZH: Record<string, string> = { ahead: '超序时进度', on_track: '达到序时进度', behind: '落后序时进度', zero: '零完成' };

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
