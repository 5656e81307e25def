// Files the API sends (XLSX exports, CSV of bad rows): fetched with the caller's token (refreshed like any call), saved under the
// name the API gives in Content-Disposition.
import { fileNameOf as nameInDisposition } from '../lib/file-name';
import { authFetch } from './client';
import { ApiError, errorBodyOf, NETWORK_ERROR } from './errors';

/** The file name of a Content-Disposition header (filename* in UTF-8 first, lib/file-name.ts), or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  return nameInDisposition(disposition) ?? fallback;
}

/** GETs `path` (with its query) and saves the answer; a refusal throws the API's ApiError. Answers the name it was saved under and its size. */
export async function downloadFile(
  path: string,
  query: Record<string, string | number | undefined>,
  fallbackName: string,
): Promise<{ name: string; size: number }> {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  let res: Response;
  try {
    res = await authFetch(new Request(url));
  } catch {
    throw new ApiError(0, null, NETWORK_ERROR);
  }
  if (!res.ok) throw new ApiError(res.status, errorBodyOf(await res.json().catch(() => null)), `下载失败（${res.status}）`);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
  saveBlob(blob, name);
  return { name, size: blob.size };
}

/** Saves a blob the browser holds (a file fetched or built in the page) as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
