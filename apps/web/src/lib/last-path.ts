// The last screen a user had open, kept on the device so the console opens there again after a login.
const KEY = 'yingbao.lastPath';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** Remembers `path` (with its query) as the user's last screen; the login and password pages are not screens to return to. */
export function rememberPath(storage: Storage, username: string, path: string): void {
  if (path.startsWith('/login') || path.startsWith('/change-password')) return;
  storage.setItem(KEY, JSON.stringify({ username, path }));
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
