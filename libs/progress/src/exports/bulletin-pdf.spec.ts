import { DomainError } from '#core';
import { existsSync } from 'node:fs';
import { pdfPages } from '../../../../test/helpers/pdf';
import { BulletinView } from '../dto/bulletin.types';
import { bulletinPdf } from './bulletin-pdf';

const bulletin: BulletinView = {
  id: 1,
  campaignId: 2,
  unitId: 3,
  unitName: '天津市',
  cadence: 'monthly',
  issueNo: 4,
  periodEnd: '2026-04-30',
  date: '2026-04-30',
  trigger: 'schedule',
  generatedAt: new Date('2026-04-30T10:00:00Z'),
  content: {
    title: '2026年扩面征缴月度进度通报',
    issuer: '天津市社会保险扩面征缴工作领导小组办公室',
    campaignName: '2026年扩面征缴',
    unitName: '天津市',
    date: '2026-04-30',
    expectedPct: '25.0',
    sections: [],
  },
};

describe('bulletin PDF', () => {
  it('refuses with a clear message where the server lacks the CJK font', async () => {
    const err = await bulletinPdf(bulletin, { path: '/nonexistent/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'PDF_FONT_MISSING',
      message: '服务器缺少中文字体 /nonexistent/wqy-microhei.ttc（Debian/Ubuntu 安装 fonts-wqy-microhei，或设置 PDF_FONT_PATH），暂不能生成 PDF；可先下载 XLSX',
    });
  });

  it('names the file by issuing unit, title, number and date', async () => {
    const file = await bulletinPdf(bulletin, { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' });
    expect(file.fileName).toBe('天津市2026年扩面征缴月度进度通报第4期（2026-04-30）.pdf');
    expect(file.buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('prints the forecast part (预计无法按期完成) after the sections, a table row per task, over pages when long', async () => {
    // the CJK font where it is installed (CI), else any TrueType face: the layout is what is checked here
    const font = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'].find((f) => existsSync(f))!;
    const row = {
      indicatorId: 1,
      indicatorCode: 'EP',
      indicatorName: '企业职工养老保险新增参保',
      indicatorKind: 'count',
      indicatorUnit: 'person',
      unitId: 2,
      unitCode: 'CB',
      unitName: '城北区',
      taskId: 9,
      deadline: '2026-12-31',
      target: '3640.00',
      actual: '1092',
      status: 'will_miss' as const,
      willMiss: true,
      remainingDays: 183,
      remainingWorkingDays: 127,
      linear: null,
      trend: { perDay: '4.00', projected: '1824.00', reachOn: '2028-03-29', windowDays: 28 },
      shortfall: '2548.00',
      needed: { perDay: '13.92', perWeek: '97.46', perWorkingDay: '20.06' },
      projectedPct: '50.1',
    };
    const short = await bulletinPdf(
      { ...bulletin, content: { ...bulletin.content, forecast: { total: 1, rows: [row] } } },
      { path: font, family: 'WenQuanYiMicroHei' },
    );
    expect(pdfPages(short.buffer)).toHaveLength(1);
    // 60 rows of 20 points do not fit on one A4 page (842 points less the margins)
    const long = await bulletinPdf(
      { ...bulletin, content: { ...bulletin.content, forecast: { total: 60, rows: Array.from({ length: 60 }, (_, i) => ({ ...row, unitId: i })) } } },
      { path: font, family: 'WenQuanYiMicroHei' },
    );
    expect(pdfPages(long.buffer).length).toBeGreaterThan(1);
  });
});
