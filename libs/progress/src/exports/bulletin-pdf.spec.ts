import { DomainError } from '#core';
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
});
