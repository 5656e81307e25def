import { addTableSheet, NUM_FMT, shiftDecimal, SheetColumn, workbookBuffer } from '#core';
import ExcelJS from 'exceljs';

export interface TableColumn {
  name: string;
  unit: string;
  /** The allocating unit's own target: the total row. */
  total: string;
  totalDeadline: string;
  /** By child unit id. */
  lines: Map<number, { target: string; deadline: string }>;
}

/** 1 万人 = 10 000 people: from there on a count is printed in 万人 with two decimals (seed 003 annex 1: 8.00). */
const WAN = 10000;

/** How an indicator's targets print: the unit in its header and the 单位 line, the number format, the cell value of a stored target. */
function scaleOf(c: TableColumn): { label: string; numFmt: string; value: (target: string) => number } {
  if (c.unit === 'percent') return { label: '%', numFmt: NUM_FMT.percent1, value: (t) => shiftDecimal(t, -2) }; // 98.5 -> 0.985, printed 98.5%
  if (c.unit === 'yuan') return { label: '元', numFmt: NUM_FMT.decimal2, value: Number };
  if (Number(c.total) >= WAN) return { label: '万人', numFmt: NUM_FMT.decimal2, value: (t) => shiftDecimal(t, -4) };
  return { label: '人', numFmt: NUM_FMT.integer, value: Number };
}

/**
 * 任务分解表 like seed 003's annex 1: a title, a 单位 line, a two-row header (地区 / per indicator: 目标 and 完成时限), the
 * total row (the allocating unit's own targets, bold) and one row per child unit. Targets are number cells: counts in 人, or
 * in 万人 with two decimals from 1 万 on; money in 元; rates as percent cells.
 */
export async function buildAllocationTable(
  title: string,
  totalLabel: string,
  children: { id: number; name: string }[],
  columns: TableColumn[],
): Promise<Buffer> {
  const scales = columns.map(scaleOf);
  const headers: (string | SheetColumn)[] = ['地区'];
  columns.forEach((c, i) => {
    headers.push({ group: c.name, header: `目标（${scales[i].label}）`, numFmt: scales[i].numFmt }, { group: c.name, header: '完成时限' });
  });
  const target = (i: number, t: string) => scales[i].value(t);
  const wb = new ExcelJS.Workbook();
  addTableSheet(wb, {
    name: '任务分解表',
    title,
    unit: [...new Set(scales.map((s) => s.label))].join('、'),
    headers,
    rows: [
      [totalLabel, ...columns.flatMap((c, i) => [target(i, c.total), c.totalDeadline])],
      ...children.map((ch) => [
        ch.name,
        ...columns.flatMap((c, i) => {
          const l = c.lines.get(ch.id);
          return l ? [target(i, l.target), l.deadline] : [null, null];
        }),
      ]),
    ],
    totalRows: [0],
  });
  return workbookBuffer(wb);
}
