// A printed list holds every row, not one page of the API: read the pages in turn up to a cap.

export type PageOf<T> = { items: T[]; total: number };

/** The API's largest page (PageQuery's pageSize maximum). */
export const API_PAGE_SIZE = 500;

/**
 * The first `cap` rows of a paged list, page after page of `pageSize`, telling `onProgress(read, wanted)` after each.
 * `total` is the list's full size as the first page gave it; `cut` says the rows stop at the cap. A page shorter than
 * asked (rows gone between the requests) ends the reading.
 */
export async function readPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<PageOf<T>>,
  cap: number,
  onProgress: (read: number, wanted: number) => void = () => {},
  pageSize = API_PAGE_SIZE,
): Promise<{ items: T[]; total: number; cut: boolean }> {
  const items: T[] = [];
  let total = 0;
  for (let page = 1; ; page += 1) {
    const res = await fetchPage(page, pageSize);
    if (page === 1) total = res.total;
    items.push(...res.items);
    const wanted = Math.min(total, cap);
    onProgress(Math.min(items.length, wanted), wanted);
    if (items.length >= wanted || res.items.length < pageSize) break;
  }
  return { items: items.slice(0, cap), total, cut: total > cap };
}
