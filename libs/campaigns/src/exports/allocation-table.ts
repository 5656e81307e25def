import { workbookBuffer } from '#core';
import ExcelJS from 'exceljs';

const UNIT_LABEL: Record<string, string> = { person: '人', yuan: '元', percent: '%' };

export interface TableColumn {
  name: string;
  unit: string;
  /** The allocating unit's own target: the total row. */
  total: string;
  totalDeadline: string;
  /** By child unit id. */
  lines: Map<number, { target: string; deadline: string }>;
}

/**
 * 任务分解表 like seed 003's annex 1: a title, a two-row header (地区 / per indicator: 目标 and 完成时限),
 * the total row (the allocating unit's own targets) and one row per child unit. Targets are written as numbers.
 */
export async function buildAllocationTable(
  title: string,
  totalLabel: string,
  children: { id: number; name: string }[],
  columns: TableColumn[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  const width = 1 + columns.length * 2;
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(['地区', ...columns.flatMap((c) => [c.name, ''])]);
  ws.addRow(['', ...columns.flatMap((c) => [`目标（${UNIT_LABEL[c.unit] ?? c.unit}）`, '完成时限'])]);
  ws.mergeCells(2, 1, 3, 1);
  columns.forEach((_, i) => ws.mergeCells(2, 2 + i * 2, 2, 3 + i * 2));
  ws.addRow([totalLabel, ...columns.flatMap((c) => [Number(c.total), c.totalDeadline])]);
  ws.getRow(4).font = { bold: true };
  for (const ch of children)
    ws.addRow([ch.name, ...columns.flatMap((c) => (c.lines.has(ch.id) ? [Number(c.lines.get(ch.id)!.target), c.lines.get(ch.id)!.deadline] : [null, null]))]);
  ws.getColumn(1).width = 20;
  for (let i = 2; i <= width; i++) ws.getColumn(i).width = i % 2 === 0 ? 22 : 14;
  return workbookBuffer(wb);
}
