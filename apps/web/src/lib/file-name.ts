// The name a download is saved under: what the API's Content-Disposition says (libs/core sendXlsx writes both forms).

/** `attachment; filename="a.xlsx"; filename*=UTF-8''%E9%80%9A%E6%8A%A5.xlsx` → "通报.xlsx" (the UTF-8 form wins); null without a name. */
export function fileNameOf(contentDisposition: string | null | undefined): string | null {
  if (!contentDisposition) return null;
  const star = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(contentDisposition);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(contentDisposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? name : null;
}
