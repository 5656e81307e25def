import { fileNameOf } from '../lib/file-name';
import { authFetch } from './client';
import { ApiError, errorBodyOf, NETWORK_ERROR } from './errors';

/**
 * Downloads a file route with the session's token (a plain link would go without it) and saves it under the name
 * the API gives. Answers that name; a refused download throws the API's error like any call.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await authFetch(new Request(new URL(path, location.origin)));
  } catch {
    throw new ApiError(0, null, NETWORK_ERROR);
  }
  if (!res.ok) throw new ApiError(res.status, errorBodyOf(await res.json().catch(() => null)), `下载失败（${res.status}）`);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}
