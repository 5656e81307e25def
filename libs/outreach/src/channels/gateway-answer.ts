import { gatewayFailed, gatewayRefused, gatewayUnreachable, rateLimited } from '../rules/failure-reasons';

export type SendResult = { ok: true; gatewayId: string } | { ok: false; retry: boolean; reason: string };
export type PublicChannel = 'sms' | 'webhook';

const TIMEOUT_MS = 10000;

/** Classifies an HTTP answer: 2xx sent; 429 and 5xx retried with backoff; any other 4xx is permanent. */
export function classify(status: number, body: { code?: string; message?: string; messageId?: string }): SendResult {
  if (status >= 200 && status < 300) return { ok: true, gatewayId: String(body.messageId ?? '') };
  const what = [body.code, body.message].filter(Boolean).join(': ') || `HTTP ${status}`;
  if (status === 429) return { ok: false, retry: true, reason: rateLimited(what) };
  if (status >= 500) return { ok: false, retry: true, reason: gatewayFailed(what) };
  return { ok: false, retry: false, reason: gatewayRefused(what) };
}

/** POSTs a JSON body and classifies the answer; a network error or timeout is retried. */
export async function postJson(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    let answer: { code?: string; message?: string; messageId?: string } = {};
    try {
      answer = text ? JSON.parse(text) : {};
    } catch {
      answer = { message: text.slice(0, 200) };
    }
    return classify(res.status, answer);
  } catch (e) {
    return { ok: false, retry: true, reason: gatewayUnreachable((e as Error).message) };
  }
}
