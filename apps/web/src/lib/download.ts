// Files the API serves behind the login (CSV, XLSX): fetched with the token, then saved under a name.
import { authFetch } from '../api/client';
import { ApiError, errorBodyOf } from '../api/errors';

/** Fetches `path` with the caller's token and saves it as `fileName`; an error answer becomes an ApiError. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const res = await authFetch(new Request(new URL(path, location.origin)));
  if (!res.ok) throw new ApiError(res.status, errorBodyOf(await res.json().catch(() => null)), `下载失败（${res.status}）`);
  saveBlob(await res.blob(), fileName);
}

/** Saves a blob the browser holds (a file built in the page) as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
