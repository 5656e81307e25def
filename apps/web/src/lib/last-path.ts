// The last screen a user had open, kept on the device so the console opens there again after a login.
const KEY = 'yingbao.lastPath';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** Query keys not kept on the device: `q` is the search text, which may be a full ID number or a phone number. */
const PRIVATE_QUERY = ['q'];

/** `path` without its private query values (the rest of the query, in its order, stays). */
export function withoutPrivateQuery(path: string): string {
  const i = path.indexOf('?');
  if (i < 0) return path;
  const params = new URLSearchParams(path.slice(i + 1));
  for (const k of PRIVATE_QUERY) params.delete(k);
  const rest = params.toString();
  return rest ? `${path.slice(0, i)}?${rest}` : path.slice(0, i);
}

/**
 * Remembers `path` (with its query, less the search text) as the user's last screen; the login and password pages
 * are not screens to return to.
 */
export function rememberPath(storage: Storage, username: string, path: string): void {
  if (path.startsWith('/login') || path.startsWith('/change-password')) return;
  storage.setItem(KEY, JSON.stringify({ username, path: withoutPrivateQuery(path) }));
}

/** The user's last screen, or undefined (nothing kept, someone else's, or not a path of this console). */
export function lastPathOf(storage: Storage, username: string): string | undefined {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? 'null') as { username?: unknown; path?: unknown } | null;
    return v && v.username === username && typeof v.path === 'string' && v.path.startsWith('/') && !v.path.startsWith('//') ? v.path : undefined;
  } catch {
    return undefined;
  }
}
