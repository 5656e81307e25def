import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Response } from 'express';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook ready to download. */
export interface XlsxFile {
  fileName: string;
  buffer: Buffer;
}

/** One table on its own sheet: an optional bold title row, a bold header row, then the rows. */
export interface TableSheet {
  name: string;
  title?: string;
  headers: string[];
  rows: ExcelJS.CellValue[][];
  /** Column widths in characters, by column; missing ones stay at the default. */
  widths?: number[];
}

/** Adds a table sheet (sheet names are cut to Excel's 31 characters). */
export function addTableSheet(wb: ExcelJS.Workbook, sheet: TableSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name.slice(0, 31));
  if (sheet.title) ws.addRow([sheet.title]).font = { bold: true };
  ws.addRow(sheet.headers).font = { bold: true };
  for (const r of sheet.rows) ws.addRow(r);
  sheet.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook of table sheets, as a download. */
export async function tableWorkbook(fileName: string, sheets: TableSheet[]): Promise<XlsxFile> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) addTableSheet(wb, s);
  return { fileName, buffer: await workbookBuffer(wb) };
}

/**
 * Sends a workbook as an attachment. The name goes in both forms of Content-Disposition: an ASCII
 * fallback and the UTF-8 one (RFC 6266), so Chinese file names arrive intact.
 */
export function sendXlsx(res: Response, file: XlsxFile): StreamableFile {
  res.set({ 'Content-Type': XLSX_MIME, 'Content-Disposition': attachmentNamed(file.fileName) });
  return new StreamableFile(file.buffer);
}

/** Content-Disposition of a download named `fileName`: an ASCII fallback and the UTF-8 form (RFC 6266). */
export function attachmentNamed(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
