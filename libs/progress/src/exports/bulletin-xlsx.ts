import { workbookBuffer, XlsxFile } from '#core';
import ExcelJS from 'exceljs';
import { ProgressRow } from '../dto/dashboard.types';
import { addRankingSheet, STATUS_ZH } from './progress-xlsx';
import { BulletinView } from '../dto/bulletin.types';
import { unitLabel } from '../rules/bulletin-content';

/** The bulletin as a workbook: per indicator its ranking sheet and its praise and criticism sheet. */
export async function bulletinWorkbook(b: BulletinView): Promise<XlsxFile> {
  const wb = new ExcelJS.Workbook();
  for (const s of b.content.sections) {
    addRankingSheet(wb, { title: `${s.name}排名`, unitLabel: unitLabel(s.unit), total: s.total, rows: s.ranking }, s.kind === 'ratio');
    const ws = wb.addWorksheet(`${s.name}表扬批评`.slice(0, 31));
    ws.addRow(['类别', '单位', '实际完成', '计划指标', '完成进度', '序时进度', '状态']);
    const add = (label: string, rows: ProgressRow[]) =>
      rows.forEach((r) =>
        ws.addRow([
          label,
          r.name,
          Number(r.actual),
          r.target === null ? null : Number(r.target),
          r.ratePct ? `${r.ratePct}%` : null,
          `${r.expectedPct}%`,
          STATUS_ZH[r.status ?? ''] ?? '',
        ]),
      );
    add('表扬', s.praised);
    add('批评（落后序时进度）', s.criticised);
    add('批评（零完成）', s.zero);
  }
  return { fileName: `bulletin-${b.campaignId}-${b.date}.xlsx`, buffer: await workbookBuffer(wb) };
}
