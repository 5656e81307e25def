import { describe, expect, it } from 'vitest';
import { readPages } from './read-pages';

/** A list of `n` rows 1..n served in pages, recording the pages asked. */
function served(n: number) {
  const asked: number[] = [];
  const fetchPage = async (page: number, pageSize: number) => {
    asked.push(page);
    const from = (page - 1) * pageSize;
    return { items: Array.from({ length: Math.max(0, Math.min(pageSize, n - from)) }, (_, i) => from + i + 1), total: n };
  };
  return { asked, fetchPage };
}

describe('reading every page of a list for print', () => {
  it('reads 1 234 rows in three pages of 500 and reports 500, 1000, 1234 of 1234', async () => {
    const { asked, fetchPage } = served(1234);
    const progress: [number, number][] = [];
    const out = await readPages(fetchPage, 2000, (read, wanted) => progress.push([read, wanted]));
    expect(asked).toEqual([1, 2, 3]);
    expect(progress).toEqual([
      [500, 1234],
      [1000, 1234],
      [1234, 1234],
    ]);
    expect(out.items).toHaveLength(1234);
    expect(out.items[1233]).toBe(1234);
    expect(out).toMatchObject({ total: 1234, cut: false });
  });

  it('stops at the cap: 2 600 rows give the first 2 000 from four pages, marked cut', async () => {
    const { asked, fetchPage } = served(2600);
    const out = await readPages(fetchPage, 2000);
    expect(asked).toEqual([1, 2, 3, 4]);
    expect(out.items).toHaveLength(2000);
    expect(out.items[1999]).toBe(2000);
    expect(out).toMatchObject({ total: 2600, cut: true });
  });

  it('reads one page for an empty list and for exactly one full page', async () => {
    const empty = served(0);
    expect(await readPages(empty.fetchPage, 2000)).toEqual({ items: [], total: 0, cut: false });
    expect(empty.asked).toEqual([1]);
    const full = served(500);
    expect((await readPages(full.fetchPage, 2000)).items).toHaveLength(500);
    expect(full.asked).toEqual([1]);
  });

  it('ends on a short page when rows went away between requests', async () => {
    // the first page says 700, but by the second request only 650 are left
    const asked: number[] = [];
    const fetchPage = async (page: number) => {
      asked.push(page);
      return page === 1 ? { items: Array(500).fill(0), total: 700 } : { items: Array(150).fill(0), total: 650 };
    };
    const out = await readPages(fetchPage, 2000);
    expect(asked).toEqual([1, 2]);
    expect(out.items).toHaveLength(650);
    expect(out).toMatchObject({ total: 700, cut: false });
  });
});
