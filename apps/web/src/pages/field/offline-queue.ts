// Visits taken on a phone wait here until the API has them: a pure queue over a small store (localStorage in the
// browser, an array in tests). Each visit keeps the Idempotency-Key made when it was taken, so a resend after a lost
// answer is the same request to the API and is stored once. Sent oldest first; a network failure or a server error
// stops the round and backs off, and so does a 409 IN_PROGRESS (the first request under the key still runs on the
// server); an answer the API refuses for good (400, 403, 404, another 409) is kept as failed for the cadre to read and
// discard.
import type { components } from '../../api/schema';

export type VisitBody = components['schemas']['VisitDto'];

export interface QueuedVisit {
  /** the Idempotency-Key, made once when the visit was taken */
  key: string;
  body: VisitBody;
  /** who is shown on the phone while it waits */
  entryName: string;
  /** the user who took it: only their session sends it (a shared phone never sends one visit under another's name) */
  owner: string;
  /** ms since epoch */
  queuedAt: number;
  attempts: number;
  /** not sent again before this (ms since epoch) */
  nextTryAt: number;
  /** the API's refusal, kept for the cadre: such a visit is not sent again */
  failed?: string;
}

export interface QueueStore {
  load(): QueuedVisit[];
  save(items: QueuedVisit[]): void;
}

/** What sending one visit came to: stored (or replayed), not reached (retry later), or refused for good. */
export type SendOutcome = { kind: 'sent' } | { kind: 'retry'; reason: string } | { kind: 'refused'; message: string };

export type Sender = (visit: QueuedVisit) => Promise<SendOutcome>;

/** 5 s, 10 s, 20 s … doubling after each failed attempt, at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** A UUID (v4) for the Idempotency-Key; crypto.randomUUID where the browser has it (it needs a secure context). */
export function newKey(random: () => number = Math.random): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' && random === Math.random) return crypto.randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function enqueue(store: QueueStore, visit: { key: string; body: VisitBody; entryName: string; owner: string }, now: number): QueuedVisit {
  const items = store.load();
  const existing = items.find((v) => v.key === visit.key);
  if (existing) return existing;
  const queued: QueuedVisit = { ...visit, queuedAt: now, attempts: 0, nextTryAt: now };
  store.save([...items, queued]);
  return queued;
}

/** Makes every waiting visit of the owner due now (the signal is back, or they just saved one): the backoff starts again. */
export function dueNow(store: QueueStore, owner: string, now: number): void {
  store.save(store.load().map((v) => (v.failed || v.owner !== owner ? v : { ...v, attempts: 0, nextTryAt: now })));
}

export function discard(store: QueueStore, key: string): void {
  store.save(store.load().filter((v) => v.key !== key));
}

export interface FlushResult {
  sent: string[];
  refused: string[];
  /** the visit that could not be sent this round, if any (the rest wait behind it) */
  stoppedAt?: string;
  /** when the next round is due (ms since epoch), if any visit still waits */
  nextAt?: number;
}

/**
 * One round: the owner's due visits oldest first, each removed once sent and marked failed once refused; the first that
 * cannot be sent is put back with its attempts counted and a later try, and the round stops there (the signal is
 * gone: the visits behind it keep their order). The store is saved after every visit, so a reload mid-round loses nothing.
 * `owner` is asked before every send: when the user changes mid-round (a logout on a shared phone), the round stops,
 * and a visit discarded meanwhile is not sent.
 */
export async function flush(store: QueueStore, owner: () => string, send: Sender, now: () => number): Promise<FlushResult> {
  const result: FlushResult = { sent: [], refused: [] };
  const who = owner();
  const mine = (v: QueuedVisit) => !v.failed && v.owner === who;
  const due = store
    .load()
    .filter(mine)
    .sort((a, b) => a.queuedAt - b.queuedAt);
  for (const queued of due) {
    if (owner() !== queued.owner) break;
    const visit = store.load().find((v) => v.key === queued.key);
    if (!visit || !mine(visit)) continue;
    if (visit.nextTryAt > now()) break;
    const outcome = await send(visit);
    const items = store.load();
    if (outcome.kind === 'sent') {
      store.save(items.filter((v) => v.key !== visit.key));
      result.sent.push(visit.key);
      continue;
    }
    if (outcome.kind === 'refused') {
      store.save(items.map((v) => (v.key === visit.key ? { ...v, failed: outcome.message } : v)));
      result.refused.push(visit.key);
      continue;
    }
    const attempts = visit.attempts + 1;
    store.save(items.map((v) => (v.key === visit.key ? { ...v, attempts, nextTryAt: now() + backoffMs(attempts) } : v)));
    result.stoppedAt = visit.key;
    break;
  }
  const waiting = store.load().filter(mine);
  if (waiting.length) result.nextAt = Math.min(...waiting.map((v) => v.nextTryAt));
  return result;
}

/** The code of the API's 409 while the first request under the same Idempotency-Key still runs (its IdempotencyInterceptor). */
export const IN_PROGRESS = 'IN_PROGRESS';

/**
 * A refusal for good (the request itself is wrong) against one worth retrying (no signal, a timeout, the server down,
 * or the first request under the key still running: `code` is the API's error code).
 */
export function outcomeOfStatus(status: number, code: string, message: string): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 0 || status === 401 || status === 408 || status === 429 || status >= 500) return { kind: 'retry', reason: message };
  if (status === 409 && code === IN_PROGRESS) return { kind: 'retry', reason: message };
  return { kind: 'refused', message };
}

/** A store over one localStorage key (unreadable contents count as empty). */
export function localStore(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string): QueueStore {
  return {
    load: () => {
      try {
        const v = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
        return Array.isArray(v) ? (v as QueuedVisit[]) : [];
      } catch {
        return [];
      }
    },
    save: (items) => storage.setItem(key, JSON.stringify(items)),
  };
}
