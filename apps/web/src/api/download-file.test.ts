import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download-file';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name the API sends (libs/core sendXlsx)', () => {
    const h = `attachment; filename="________2026-03-02.xlsx"; filename*=UTF-8''${encodeURIComponent('进度排名表2026-03-02.xlsx')}`;
    expect(fileNameOf(h, 'x.xlsx')).toBe('进度排名表2026-03-02.xlsx');
    expect(fileNameOf('attachment; filename="ranking.xlsx"', 'x.xlsx')).toBe('ranking.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
