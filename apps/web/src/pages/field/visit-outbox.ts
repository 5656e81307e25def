// The phone's outbox of visits: the offline queue (offline-queue.ts) kept in localStorage, sent when the signal
// returns (the browser's online event, and a timer for the backoff), watched by screens through useOutbox().
import { useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import { ApiError, errorBodyOf } from '../../api/errors';
import {
  discard,
  dueNow,
  enqueue,
  flush,
  localStore,
  newKey,
  outcomeOfStatus,
  type FlushResult,
  type QueuedVisit,
  type SendOutcome,
  type VisitBody,
} from './offline-queue';

const store = typeof localStorage === 'undefined' ? null : localStore(localStorage, 'yingbao.visitOutbox');
const listeners = new Set<() => void>();
let snapshot: QueuedVisit[] = store?.load() ?? [];
let running: Promise<FlushResult> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
/** called after a round that sent something (the lists refresh) */
let onSent: (() => void) | undefined;
/** the user logged in: only their visits are sent and shown */
let owner = '';

function changed() {
  snapshot = (store?.load() ?? []).filter((v) => v.owner === owner);
  listeners.forEach((l) => l());
}

/** A send that has no answer by then is given up and retried later (a stalled connection would hold the round). */
export const SEND_TIMEOUT_MS = 15_000;

/** The API's refusal of each visit this session sent (for the form that saved it: the message and its fields). */
const refusals = new Map<string, ApiError>();

/** One visit to the API under its key: stored or replayed, not reached (or timed out), or refused (in the API's words). */
async function send(v: QueuedVisit): Promise<SendOutcome> {
  try {
    const { response, error } = await api.POST('/api/registry-visits', {
      body: v.body,
      headers: { 'Idempotency-Key': v.key },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (response.ok) return outcomeOfStatus(response.status, '', '');
    const e = new ApiError(response.status, errorBodyOf(error));
    const outcome = outcomeOfStatus(response.status, e.code, e.message);
    if (outcome.kind === 'refused') refusals.set(v.key, e);
    return outcome;
  } catch (e) {
    return { kind: 'retry', reason: e instanceof DOMException && e.name === 'TimeoutError' ? '连接超时' : '无法连接服务器' };
  }
}

/** Sends what is due now (one round at a time), then waits for the next due time. */
export function flushOutbox(): Promise<FlushResult> {
  if (!store) return Promise.resolve({ sent: [], refused: [] });
  running ??= (async () => {
    clearTimeout(timer);
    try {
      const result = await flush(store, () => owner, send, Date.now);
      if (result.nextAt !== undefined) timer = setTimeout(() => void flushOutbox(), Math.max(1000, result.nextAt - Date.now()));
      if (result.sent.length) onSent?.();
      return result;
    } finally {
      running = null;
      changed();
    }
  })();
  return running;
}

/** What became of a visit saved on the phone: sent now, waiting for the signal, or refused by the API. */
export type SaveResult = { kind: 'sent' } | { kind: 'queued' } | { kind: 'refused'; error: ApiError };

/**
 * Saves a visit: into the outbox under a new key, then one send round if the phone is online. A refusal of this visit
 * is answered to the form (and dropped from the outbox: the cadre is there to correct it).
 */
export async function saveVisit(body: VisitBody, entryName: string): Promise<SaveResult> {
  if (!store) return { kind: 'queued' };
  const key = newKey();
  enqueue(store, { key, body, entryName, owner }, Date.now());
  changed();
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { kind: 'queued' };
  await (running ?? Promise.resolve());
  dueNow(store, owner, Date.now());
  const result = await flushOutbox();
  if (result.sent.includes(key)) return { kind: 'sent' };
  if (result.refused.includes(key)) {
    const error = refusals.get(key) ?? new ApiError(0, null, store.load().find((v) => v.key === key)?.failed);
    refusals.delete(key);
    discard(store, key);
    changed();
    return { kind: 'refused', error };
  }
  return { kind: 'queued' };
}

export function discardVisit(key: string): void {
  if (!store) return;
  discard(store, key);
  changed();
}

/** Starts sending the user's visits when the signal returns and on start; `sent` runs after a round that sent something. */
export function startOutbox(username: string, sent: () => void): () => void {
  onSent = sent;
  owner = username;
  changed();
  const online = () => {
    if (store) dueNow(store, owner, Date.now());
    void flushOutbox();
  };
  window.addEventListener('online', online);
  void flushOutbox();
  return () => {
    window.removeEventListener('online', online);
    clearTimeout(timer);
    // logged out: a round still running sends nothing more under this user's name
    owner = '';
    refusals.clear();
  };
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The user's visits on the phone not yet stored by the API (waiting or refused). */
export function useOutbox(): QueuedVisit[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}

function subscribeOnline(l: () => void) {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
}

/** Whether the phone has a signal, as the browser knows it. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
