import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the queue dashboard (Bull Board) is served, and the one path its cookie is sent to. */
export const QUEUE_BOARD_PATH = '/api/admin/queues';
export const QUEUE_BOARD_COOKIE = 'yb_queue_board';
/** A ticket opens the dashboard for this long; the console asks for a new one each time it links there. */
export const QUEUE_BOARD_TICKET_SECONDS = 600;

const sign = (secret: string, body: string) => createHmac('sha256', `queue-board:${secret}`).update(body).digest('base64url');

/**
 * A browser cannot send the console's bearer token when it opens a page, so an admin's authenticated call
 * (POST /api/admin/queue-board/session) sets a short-lived HttpOnly cookie holding this ticket:
 * `<userId>.<sessionId>.<expires epoch seconds>.<HMAC-SHA256>` keyed by the signing secret of access tokens.
 */
export function queueBoardTicket(secret: string, userId: number, sessionId: string, nowMs: number): { value: string; expiresAt: Date } {
  const expires = Math.floor(nowMs / 1000) + QUEUE_BOARD_TICKET_SECONDS;
  const body = `${userId}.${sessionId}.${expires}`;
  return { value: `${body}.${sign(secret, body)}`, expiresAt: new Date(expires * 1000) };
}

/** The user id and session of a ticket that is genuine and not expired at `nowMs`; null otherwise. */
export function readQueueBoardTicket(secret: string, value: string | undefined, nowMs: number): { userId: number; sessionId: string } | null {
  const m = /^(\d{1,12})\.([A-Za-z0-9-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!m) return null;
  const want = Buffer.from(sign(secret, `${m[1]}.${m[2]}.${m[3]}`));
  const got = Buffer.from(m[4]);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  if (Number(m[3]) * 1000 <= nowMs) return null;
  return { userId: Number(m[1]), sessionId: m[2] };
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
