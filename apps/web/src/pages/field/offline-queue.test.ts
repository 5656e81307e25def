import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  discard,
  dueNow,
  enqueue,
  flush,
  localStore,
  newKey,
  outcomeOfStatus,
  type QueuedVisit,
  type QueueStore,
  type SendOutcome,
  type VisitBody,
} from './offline-queue';

function memoryStore(): QueueStore & { items: QueuedVisit[] } {
  const s = { items: [] as QueuedVisit[], load: () => s.items.map((v) => ({ ...v })), save: (items: QueuedVisit[]) => void (s.items = items) };
  return s;
}
const body = (entryId: string): VisitBody => ({
  kind: 'person',
  entryId,
  visitedAt: '2026-03-02T02:00:00.000Z',
  method: 'door_to_door',
  outcome: 'will_enrol',
});

describe('offline visit queue', () => {
  it('enqueues once per key, oldest first, sends them in that order with the key each was taken with', async () => {
    const store = memoryStore();
    enqueue(store, { key: 'k2', body: body('2'), entryName: '乙', owner: 'cadre' }, 2000);
    enqueue(store, { key: 'k1', body: body('1'), entryName: '甲', owner: 'cadre' }, 1000);
    enqueue(store, { key: 'k1', body: body('1'), entryName: '甲', owner: 'cadre' }, 3000); // the same visit again: no second copy
    expect(store.items.map((v) => v.key)).toEqual(['k2', 'k1']);
    const seen: string[] = [];
    const result = await flush(
      store,
      () => 'cadre',
      async (v) => (seen.push(`${v.key}:${v.body.entryId}`), { kind: 'sent' }),
      () => 5000,
    );
    expect(seen).toEqual(['k1:1', 'k2:2']);
    expect(result).toEqual({ sent: ['k1', 'k2'], refused: [] });
    expect(store.items).toEqual([]);
  });

  it('stops at the first visit it cannot send, backs off 5 s, 10 s, 20 s and resends it under the same key', async () => {
    const store = memoryStore();
    enqueue(store, { key: 'a', body: body('1'), entryName: '甲', owner: 'cadre' }, 0);
    enqueue(store, { key: 'b', body: body('2'), entryName: '乙', owner: 'cadre' }, 1);
    const keys: string[] = [];
    const offline = async (v: QueuedVisit): Promise<SendOutcome> => (keys.push(v.key), { kind: 'retry', reason: '无法连接服务器' });
    let now = 100;
    expect(
      await flush(
        store,
        () => 'cadre',
        offline,
        () => now,
      ),
    ).toEqual({ sent: [], refused: [], stoppedAt: 'a', nextAt: 1 });
    expect(keys).toEqual(['a']); // b waits behind a
    expect(store.items.find((v) => v.key === 'a')).toMatchObject({ attempts: 1, nextTryAt: 5100 });
    // b is due (nextAt 1) but behind a, which is not: nothing is sent before a's time
    now = 5099;
    expect(
      (
        await flush(
          store,
          () => 'cadre',
          offline,
          () => now,
        )
      ).stoppedAt,
    ).toBeUndefined();
    expect(keys).toEqual(['a']);
    now = 5100;
    await flush(
      store,
      () => 'cadre',
      offline,
      () => now,
    );
    expect(store.items.find((v) => v.key === 'a')).toMatchObject({ attempts: 2, nextTryAt: 15100 });
    now = 15100;
    await flush(
      store,
      () => 'cadre',
      offline,
      () => now,
    );
    expect(store.items.find((v) => v.key === 'a')).toMatchObject({ attempts: 3, nextTryAt: 35100 });
    dueNow(store, 'cadre', 20000); // the signal came back before the third backoff ran out
    expect(store.items.map((v) => [v.key, v.attempts, v.nextTryAt])).toEqual([
      ['a', 0, 20000],
      ['b', 0, 20000],
    ]);
    now = 20000;
    const result = await flush(
      store,
      () => 'cadre',
      async (v) => (keys.push(v.key), { kind: 'sent' }),
      () => now,
    );
    expect(result).toEqual({ sent: ['a', 'b'], refused: [] });
    expect(keys).toEqual(['a', 'a', 'a', 'a', 'b']);
  });

  it('keeps a visit the API refuses for good as failed, sends the rest, and never sends the failed one again', async () => {
    const store = memoryStore();
    enqueue(store, { key: 'bad', body: body('9'), entryName: '丙', owner: 'cadre' }, 0);
    enqueue(store, { key: 'ok', body: body('1'), entryName: '甲', owner: 'cadre' }, 1);
    const sent: string[] = [];
    const send = async (v: QueuedVisit): Promise<SendOutcome> => (
      sent.push(v.key),
      v.key === 'bad' ? { kind: 'refused', message: '名册人员 9 不存在' } : { kind: 'sent' }
    );
    expect(
      await flush(
        store,
        () => 'cadre',
        send,
        () => 10,
      ),
    ).toEqual({ sent: ['ok'], refused: ['bad'] });
    expect(store.items).toEqual([expect.objectContaining({ key: 'bad', failed: '名册人员 9 不存在' })]);
    await flush(
      store,
      () => 'cadre',
      send,
      () => 20,
    );
    expect(sent).toEqual(['bad', 'ok']);
    discard(store, 'bad');
    expect(store.items).toEqual([]);
  });

  it("sends only the visits of the user logged in: another cadre's wait on a shared phone for their own session", async () => {
    const store = memoryStore();
    enqueue(store, { key: 'theirs', body: body('1'), entryName: '甲', owner: 'cadre2' }, 0);
    enqueue(store, { key: 'mine', body: body('2'), entryName: '乙', owner: 'cadre' }, 1);
    const sent: string[] = [];
    const send = async (v: QueuedVisit): Promise<SendOutcome> => (sent.push(v.key), { kind: 'sent' });
    expect(
      await flush(
        store,
        () => 'cadre',
        send,
        () => 10,
      ),
    ).toEqual({ sent: ['mine'], refused: [] });
    expect(store.items.map((v) => v.key)).toEqual(['theirs']);
    expect(
      await flush(
        store,
        () => 'cadre2',
        send,
        () => 20,
      ),
    ).toEqual({ sent: ['theirs'], refused: [] });
    expect(sent).toEqual(['mine', 'theirs']);
  });

  it('stops the round when the user changes mid-round (a logout on a shared phone): the next visit waits for its owner', async () => {
    const store = memoryStore();
    enqueue(store, { key: 'a', body: body('1'), entryName: '甲', owner: 'cadre' }, 0);
    enqueue(store, { key: 'b', body: body('2'), entryName: '乙', owner: 'cadre' }, 1);
    let user = 'cadre';
    const sent: string[] = [];
    const send = async (v: QueuedVisit): Promise<SendOutcome> => (sent.push(v.key), (user = ''), { kind: 'sent' });
    expect(
      await flush(
        store,
        () => user,
        send,
        () => 10,
      ),
    ).toEqual({ sent: ['a'], refused: [], nextAt: 1 });
    expect(sent).toEqual(['a']);
    expect(store.items.map((v) => v.key)).toEqual(['b']);
  });

  it('does not send a visit discarded while the round runs', async () => {
    const store = memoryStore();
    enqueue(store, { key: 'a', body: body('1'), entryName: '甲', owner: 'cadre' }, 0);
    enqueue(store, { key: 'b', body: body('2'), entryName: '乙', owner: 'cadre' }, 1);
    const sent: string[] = [];
    const send = async (v: QueuedVisit): Promise<SendOutcome> => (sent.push(v.key), discard(store, 'b'), { kind: 'sent' });
    expect(
      await flush(
        store,
        () => 'cadre',
        send,
        () => 10,
      ),
    ).toEqual({ sent: ['a'], refused: [] });
    expect(sent).toEqual(['a']);
  });

  it('sorts answers into sent, retry and refused; a 409 while the first request under the key still runs is a retry', () => {
    expect(outcomeOfStatus(201, '', '')).toEqual({ kind: 'sent' });
    expect(outcomeOfStatus(200, '', '')).toEqual({ kind: 'sent' });
    for (const s of [0, 401, 408, 429, 500, 502, 503]) expect(outcomeOfStatus(s, 'UNKNOWN', 'x').kind).toBe('retry');
    expect(outcomeOfStatus(409, 'IN_PROGRESS', '同一 Idempotency-Key 的上一个请求仍在处理中，请稍后重试')).toEqual({
      kind: 'retry',
      reason: '同一 Idempotency-Key 的上一个请求仍在处理中，请稍后重试',
    });
    for (const s of [400, 403, 404, 409]) expect(outcomeOfStatus(s, 'CONFLICT', 'x')).toEqual({ kind: 'refused', message: 'x' });
    expect(outcomeOfStatus(400, 'IN_PROGRESS', 'x')).toEqual({ kind: 'refused', message: 'x' });
  });

  it('an IN_PROGRESS answer backs off and the visit is sent on a later round under the same key', async () => {
    const store = memoryStore();
    enqueue(store, { key: 'k', body: body('1'), entryName: '甲', owner: 'cadre' }, 0);
    const answers = [outcomeOfStatus(409, 'IN_PROGRESS', '仍在处理中'), outcomeOfStatus(201, '', '')];
    const keys: string[] = [];
    const send = async (v: QueuedVisit): Promise<SendOutcome> => (keys.push(v.key), answers.shift()!);
    // attempt 1 fails → next try 0 + 10 + 5000
    expect(
      await flush(
        store,
        () => 'cadre',
        send,
        () => 10,
      ),
    ).toEqual({ sent: [], refused: [], stoppedAt: 'k', nextAt: 5010 });
    expect(store.items[0].failed).toBeUndefined();
    expect(
      await flush(
        store,
        () => 'cadre',
        send,
        () => 5010,
      ),
    ).toEqual({ sent: ['k'], refused: [] });
    expect(keys).toEqual(['k', 'k']);
  });

  it('backs off doubling from 5 s up to 5 minutes', () => {
    expect([1, 2, 3, 4, 6, 7, 20].map(backoffMs)).toEqual([5000, 10000, 20000, 40000, 160000, 300000, 300000]);
  });

  it('makes v4 UUIDs', () => {
    let i = 0;
    const key = newKey(() => (i++ % 16) / 16);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newKey()).not.toBe(newKey());
  });

  it('keeps the queue in one localStorage key and reads garbage as empty', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const store = localStore(storage, 'q');
    expect(store.load()).toEqual([]);
    enqueue(store, { key: 'k', body: body('1'), entryName: '甲', owner: 'cadre' }, 7);
    expect(JSON.parse(data.get('q')!)).toEqual([{ key: 'k', body: body('1'), entryName: '甲', owner: 'cadre', queuedAt: 7, attempts: 0, nextTryAt: 7 }]);
    data.set('q', '{not json');
    expect(store.load()).toEqual([]);
  });
});
