// The login session in the browser: the token pair in localStorage (survives a reload), and who to tell when it ends.

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'yingbao.session';
const listeners = new Set<(reason: string) => void>();

export function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: StoredSession): void {
  localStorage.setItem(KEY, JSON.stringify({ accessToken: s.accessToken, refreshToken: s.refreshToken }));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** The session is over (expired, revoked, logged out elsewhere): forget the tokens and tell the app (it shows the login page). */
export function endSession(reason: string): void {
  clearSession();
  for (const l of listeners) l(reason);
}

export function onSessionEnd(listener: (reason: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const SESSION_EXPIRED = '登录已过期，请重新登录';
