// The console's one way to call the API: openapi-fetch typed by the generated schema.d.ts (npm run api:client).
// Adds the bearer token, refreshes an expired access token once (POST /api/auth/refresh) and retries the call,
// ends the session when the refresh fails, and turns error answers into ApiError.
import createClient from 'openapi-fetch';
import { ApiError, errorBodyOf, NETWORK_ERROR, toApiError } from './errors';
import type { SessionTokens } from './common-types';
import type { paths } from './schema';
import { endSession, readSession, saveSession, SESSION_EXPIRED } from './session';

const NO_REFRESH = ['/api/auth/login', '/api/auth/refresh'];

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: calls that fail together with a 401 wait for the same new token pair. */
function refreshOnce(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = readSession()?.refreshToken;
    if (!refreshToken) return false;
    try {
      const res = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
      if (!res.ok) return false;
      saveSession((await res.json()) as SessionTokens);
      return true;
    } catch {
      return false;
    }
  })().finally(() => (refreshing = null));
  return refreshing;
}

function withToken(request: Request): Request {
  const token = readSession()?.accessToken;
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/** fetch with the token; a 401 on a logged-in call refreshes once and retries, or ends the session. */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const res = await fetch(withToken(input));
  if (res.status !== 401 || NO_REFRESH.some((p) => new URL(input.url).pathname === p) || !readSession()) return res;
  if (await refreshOnce()) {
    const again = await fetch(withToken(retry));
    if (again.status !== 401) return again;
  }
  endSession(SESSION_EXPIRED);
  return res;
}

export const api = createClient<paths>({ baseUrl: typeof location === 'undefined' ? '' : location.origin, fetch: authFetch });

/**
 * The data of a call, or an ApiError with the API's message and fields:
 * `const me = await unwrap<Me>(api.GET('/api/auth/me'))`.
 */
export async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    throw e instanceof TypeError ? new ApiError(0, null, NETWORK_ERROR) : toApiError(e);
  }
  const { data, error, response } = result;
  if (!response.ok) throw new ApiError(response.status, errorBodyOf(error), `请求失败（${response.status}）`);
  return data as T;
}
