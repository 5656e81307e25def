import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { BulletinSection, BulletinView } from '../dto/bulletin.types';
import { ProgressRow } from '../dto/dashboard.types';
import { ForecastRow } from '../dto/forecast.types';
import { FORECAST_STATUS_ZH, forecastSentence, paceText } from '../rules/forecast-content';
import { progressError } from '../progress.errors';
import { bulletinFileName, chineseDate, issueLabel, unitLabel, unreportedSentence } from '../rules/bulletin-content';
import { Exact } from '../rules/exact';
import { percent1 } from '../rules/rollup';

export const PDF_MIME = 'application/pdf';

/** The CJK font the document is set in: a TrueType file or collection, and the font's name inside a collection. */
export interface PdfFont {
  path: string;
  /** PostScript name of the face in a .ttc (WenQuanYiMicroHei); ignored for a .ttf. */
  family?: string;
}

export interface PdfFile {
  fileName: string;
  buffer: Buffer;
}

const STATUS_ZH: Record<string, string> = { ahead: '超序时', on_track: '正常', behind: '落后', zero: '零完成', no_plan: '无计划' };
const MARGIN = 50;
const ROW_H = 20;
/** Two ideographic spaces: a paragraph's indent, and the gap between the issuer and the date. */
const INDENT = '\u3000\u3000';

/** Columns of a section's table: header, share of the width, the cell of a row. */
function columns(s: BulletinSection): { head: string; share: number; cell: (r: ProgressRow) => string }[] {
  const ratio = s.kind === 'ratio';
  const num = (v: string | null) => (v === null ? '' : s.unit === 'yuan' ? Exact.of(v).toFixedHalfUp(2) : Exact.of(v).toDecimalString(4));
  return [
    { head: '名次', share: 0.07, cell: (r) => (r.rank === null ? '' : String(r.rank)) },
    { head: '单位', share: 0.2, cell: (r) => r.name },
    { head: ratio ? '目标（%）' : `计划指标（${unitLabel(s.unit)}）`, share: 0.15, cell: (r) => num(r.target) },
    {
      head: ratio ? '参保率（%）' : `完成数（${unitLabel(s.unit)}）`,
      share: 0.15,
      cell: (r) => (ratio ? (r.value === null ? '' : percent1(Exact.of(r.value))!) : num(r.actual)),
    },
    { head: '完成进度', share: 0.12, cell: (r) => (r.ratePct === null ? '' : `${r.ratePct}%`) },
    { head: '序时进度', share: 0.12, cell: (r) => `${r.expectedPct}%` },
    { head: '状态', share: 0.16, cell: (r) => STATUS_ZH[r.status ?? ''] ?? '' },
  ];
}

/**
 * The bulletin as an A4 document, as an office issues it: the title, 第N期, the issuing office and the date, then per
 * indicator its sentences (figure, praise, criticism) and its ranking table with the total last (合计). Set in the
 * CJK font given; a server without it answers PDF_FONT_MISSING, naming the file and the package that provides it.
 */
export async function bulletinPdf(b: BulletinView, font: PdfFont): Promise<PdfFile> {
  if (!existsSync(font.path))
    throw progressError(
      'PDF_FONT_MISSING',
      `服务器缺少中文字体 ${font.path}（Debian/Ubuntu 安装 fonts-wqy-microhei，或设置 PDF_FONT_PATH），暂不能生成 PDF；可先下载 XLSX`,
    );
  const c = b.content;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${c.title} ${issueLabel(b.issueNo)}`, Author: c.issuer } });
  const chunks: Buffer[] = [];
  doc.on('data', (x: Buffer) => chunks.push(x));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.path.toLowerCase().endsWith('.ttc') ? font.family : undefined);
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(20).text(c.title, { align: 'center' });
  doc.moveDown(0.3).fontSize(12).text(issueLabel(b.issueNo), { align: 'center' });
  doc.moveDown(0.5).text(`${c.issuer}${INDENT}${chineseDate(c.date)}`, { align: 'center' });
  const y = doc.y + 6;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(1)
    .stroke();
  doc.y = y + 12;

  for (const s of c.sections) {
    doc.x = MARGIN;
    doc.fontSize(14).text(s.name);
    doc.moveDown(0.3).fontSize(11);
    for (const line of s.sentences) doc.text(`${INDENT}${line}`, { width, lineGap: 3 });
    doc.moveDown(0.5);
    table(doc, columns(s), [...s.ranking, { ...s.total, name: `合计（${c.unitName}）`, rank: null }], width);
    doc.moveDown(1);
  }
  if (c.unreported) {
    doc.x = MARGIN;
    doc.fontSize(14).text('报送情况');
    doc
      .moveDown(0.3)
      .fontSize(11)
      .text(`${INDENT}${unreportedSentence(c.unreported)}`, { width, lineGap: 3 });
  }
  if (c.forecast) {
    doc.x = MARGIN;
    doc.moveDown(1).fontSize(14).text('预计无法按期完成');
    doc
      .moveDown(0.3)
      .fontSize(11)
      .text(`${INDENT}${forecastSentence(c.forecast)}`, { width, lineGap: 3 });
    if (c.forecast.rows.length) {
      doc.moveDown(0.5);
      table(doc, FORECAST_COLUMNS, c.forecast.rows, width);
    }
  }
  doc.end();
  return { fileName: bulletinFileName(b, 'pdf'), buffer: await done };
}

type Column<R> = { head: string; share: number; cell: (r: R) => string };

/** Columns of the forecast table (预计无法按期完成). */
const FORECAST_COLUMNS: Column<ForecastRow>[] = [
  { head: '指标', share: 0.18, cell: (r) => r.indicatorName },
  { head: '单位', share: 0.14, cell: (r) => r.unitName },
  { head: '截止日期', share: 0.11, cell: (r) => r.deadline },
  { head: '目标', share: 0.09, cell: (r) => r.target ?? '' },
  { head: '已完成', share: 0.09, cell: (r) => (r.actual === null ? '' : Exact.of(r.actual).toDecimalString(2)) },
  { head: '预计完成率', share: 0.1, cell: (r) => (r.projectedPct === null ? '' : `${r.projectedPct}%`) },
  { head: '需日均', share: 0.15, cell: (r) => (r.needed ? paceText(r, r.needed.perDay, '天') : (FORECAST_STATUS_ZH[r.status] ?? '')) },
  { head: '需周均', share: 0.14, cell: (r) => (r.needed ? paceText(r, r.needed.perWeek, '周') : '') },
];

/** A bordered table from the current position, its header repeated on each new page. */
function table<R>(doc: PDFKit.PDFDocument, cols: Column<R>[], rows: R[], width: number): void {
  const bottom = doc.page.height - MARGIN;
  const line = (cells: string[], bold: boolean) => {
    let x = MARGIN;
    const top = doc.y;
    cells.forEach((text, i) => {
      const w = cols[i].share * width;
      if (bold) doc.rect(x, top, w, ROW_H).fillAndStroke('#eeeeee', '#000000').fillColor('#000000');
      else doc.rect(x, top, w, ROW_H).stroke();
      doc.fontSize(9).text(text, x + 2, top + 5, { width: w - 4, height: ROW_H - 6, align: i === 1 ? 'left' : 'center', lineBreak: false, ellipsis: true });
      x += w;
    });
    doc.y = top + ROW_H;
  };
  doc.lineWidth(0.5);
  line(
    cols.map((c) => c.head),
    true,
  );
  for (const r of rows) {
    if (doc.y + ROW_H > bottom) {
      doc.addPage();
      line(
        cols.map((c) => c.head),
        true,
      );
    }
    line(
      cols.map((c) => c.cell(r)),
      false,
    );
  }
  doc.x = MARGIN;
}
