import { describe, expect, it } from 'vitest';
import { fileNameOf } from './file-name';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name the API writes after the ASCII one', () => {
    const h = `attachment; filename="_____2026-11-25.xlsx"; filename*=UTF-8''${encodeURIComponent('扩面通报_2026-11-25.xlsx')}`;
    expect(fileNameOf(h)).toBe('扩面通报_2026-11-25.xlsx');
  });

  it('takes the plain name, quoted or not, when there is no UTF-8 one', () => {
    expect(fileNameOf('attachment; filename="list.xlsx"')).toBe('list.xlsx');
    expect(fileNameOf('attachment; filename=list.xlsx')).toBe('list.xlsx');
  });

  it('falls back to the plain name when the UTF-8 one is malformed, and answers null without any', () => {
    expect(fileNameOf(`attachment; filename="a.xlsx"; filename*=UTF-8''%E9%80`)).toBe('a.xlsx');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
