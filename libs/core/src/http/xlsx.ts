import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Response } from 'express';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook ready to download. */
export interface XlsxFile {
  fileName: string;
  buffer: Buffer;
}

/** Number formats as the seeds print: whole people, money or 万人 with two decimals, rates with one or two decimals. */
export const NUM_FMT = {
  integer: '0',
  decimal2: '0.00',
  // seed 002 annexes 3 and 4: 94.3%
  percent1: '0.0%',
  // seed 002 annex 5: 170.28%
  percent2: '0.00%',
} as const;

/** A column of a table sheet. */
export interface SheetColumn {
  header: string;
  /** A header above several adjacent columns (seed 002 annex 4: 下发资源总量 over 户数 and 人数); ungrouped headers span both header rows. */
  group?: string;
  /** Excel number format of the column's cells (NUM_FMT). */
  numFmt?: string;
  /** Width in characters; computed from the contents (CJK counting 2) when missing. */
  width?: number;
}

/**
 * One table on its own sheet, print-ready: a title row merged across the table, a 单位 line, a one- or two-row header
 * (two when any column has a group), the rows, thin borders on every table cell, A4 landscape fitted to one page wide,
 * the header rows repeated on every printed page and frozen on screen.
 */
export interface TableSheet {
  name: string;
  title?: string;
  /** What the figures count, printed as 单位：… under the title (e.g. '人、%'). */
  unit?: string;
  headers: (string | SheetColumn)[];
  /** Numbers as numbers and rates as fractions (0.943): the column's numFmt prints them. */
  rows: ExcelJS.CellValue[][];
  /** Indexes into rows of the 合计 lines, printed bold. */
  totalRows?: number[];
  /** Column widths in characters, by column (a column's own width wins); missing ones are computed. */
  widths?: number[];
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

/** Display width of a text in Excel's character units: CJK and full-width characters count 2. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** A decimal string moved by `places` (negative: divided by a power of ten) as a number, with no float noise: ('94.3', -2) → 0.943. */
export function shiftDecimal(value: string, places: number): number {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return Number(value) * 10 ** places;
  let int = m[2] || '0';
  let frac = m[3] ?? '';
  if (places >= 0) {
    frac = frac.padEnd(places, '0');
    int += frac.slice(0, places);
    frac = frac.slice(places);
  } else {
    int = int.padStart(-places + 1, '0');
    frac = int.slice(int.length + places) + frac;
    int = int.slice(0, int.length + places);
  }
  return Number(`${m[1]}${int}.${frac || '0'}`);
}

/** A percent display string ('94.3', as the dashboards carry rates) as the fraction a percent-formatted cell holds (0.943); null stays blank. */
export function percentCell(pct: string | null | undefined): number | null {
  return pct === null || pct === undefined || pct === '' ? null : shiftDecimal(pct.replace(/%$/, ''), -2);
}

/** What a cell prints, roughly, for its width. */
function shownText(v: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    const decimals = /\.(0+)/.exec(numFmt ?? '')?.[1].length ?? 0;
    return numFmt?.endsWith('%') ? `${(v * 100).toFixed(decimals)}%` : numFmt ? v.toFixed(decimals) : String(v);
  }
  if (v instanceof Date) return '0000-00-00';
  return String(v);
}

/** exceljs writes no width for exactly 9 (its default), and Excel then shows 8.43: a hair more keeps it. */
function setWidth(col: ExcelJS.Column, width: number): void {
  col.width = width === 9 ? 9.01 : width;
}

const columnOf = (h: string | SheetColumn): SheetColumn => (typeof h === 'string' ? { header: h } : h);

/** A name Excel accepts for a sheet: none of \\ / ? * [ ] :, at most 31 characters, unique in the workbook. */
function sheetName(wb: ExcelJS.Workbook, name: string): string {
  const base = name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31);
  let n = base;
  for (let k = 2; wb.getWorksheet(n); k++) n = `${base.slice(0, 31 - String(k).length - 1)}_${k}`;
  return n;
}

/** Adds a table sheet. */
export function addTableSheet(wb: ExcelJS.Workbook, sheet: TableSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(wb, sheet.name));
  const cols = sheet.headers.map(columnOf);
  const n = cols.length;
  let r = 0;
  if (sheet.title) {
    r++;
    ws.getCell(r, 1).value = sheet.title;
    if (n > 1) ws.mergeCells(r, 1, r, n);
    ws.getCell(r, 1).font = { bold: true, size: 16 };
    ws.getCell(r, 1).alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getRow(r).height = 28;
  }
  if (sheet.unit) {
    r++;
    ws.getCell(r, 1).value = `单位：${sheet.unit}`;
    if (n > 1) ws.mergeCells(r, 1, r, n);
    ws.getCell(r, 1).alignment = { horizontal: 'right' };
  }
  const headerTop = r + 1;
  const grouped = cols.some((c) => c.group);
  const headerBottom = grouped ? headerTop + 1 : headerTop;
  cols.forEach((c, i) => {
    if (!grouped) ws.getCell(headerTop, i + 1).value = c.header;
    else if (!c.group) {
      ws.getCell(headerTop, i + 1).value = c.header;
      ws.mergeCells(headerTop, i + 1, headerBottom, i + 1);
    } else {
      ws.getCell(headerBottom, i + 1).value = c.header;
      // the first column of a run of one group carries its label, merged over the run
      if (i === 0 || cols[i - 1].group !== c.group) {
        let end = i;
        while (end + 1 < n && cols[end + 1].group === c.group) end++;
        ws.getCell(headerTop, i + 1).value = c.group;
        if (end > i) ws.mergeCells(headerTop, i + 1, headerTop, end + 1);
      }
    }
  });
  for (let hr = headerTop; hr <= headerBottom; hr++) {
    for (let c = 1; c <= n; c++) {
      const cell = ws.getCell(hr, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }
  }
  const totals = new Set(sheet.totalRows ?? []);
  sheet.rows.forEach((values, k) => {
    const row = ws.getRow(headerBottom + 1 + k);
    for (let c = 1; c <= n; c++) {
      const cell = row.getCell(c);
      const v = values[c - 1];
      cell.value = v === undefined ? null : v;
      cell.border = THIN;
      const fmt = cols[c - 1].numFmt;
      if (fmt) cell.numFmt = fmt;
      if (typeof v === 'string' && textWidth(v) > MAX_WIDTH) cell.alignment = { wrapText: true, vertical: 'top' };
      if (totals.has(k)) cell.font = { bold: true };
    }
  });
  cols.forEach((c, i) => {
    const given = c.width ?? sheet.widths?.[i];
    if (given !== undefined) {
      setWidth(ws.getColumn(i + 1), given);
      return;
    }
    // a group's label is shared by its run of columns
    const run = c.group ? cols.filter((o) => o.group === c.group).length : 1;
    let w = Math.max(textWidth(c.header), c.group ? Math.ceil(textWidth(c.group) / run) : 0);
    for (const values of sheet.rows) w = Math.max(w, textWidth(shownText(values[i], c.numFmt)));
    setWidth(ws.getColumn(i + 1), Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)));
  });
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerTop}:${headerBottom}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerBottom }];
  return ws;
}

/** The workbook's bytes; one with no sheet (nothing to list) gets a sheet saying so, as Excel opens no empty workbook. */
export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  if (!wb.worksheets.length) wb.addWorksheet('说明').addRow(['没有可导出的数据（no data to export）']);
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

/** Content-Disposition of a download named `fileName`: an ASCII fallback and the UTF-8 form (RFC 6266, RFC 5987 encoding). */
export function attachmentNamed(name: string): string {
  // a campaign's or unit's name may hold characters no file system takes
  const fileName = [...name].map((ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('');
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 5987 attr-char leaves out ' ( ) * !, which encodeURIComponent keeps
  const utf8 = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
