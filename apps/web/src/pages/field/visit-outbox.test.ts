import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const post = vi.fn();
vi.mock('../../api/client', () => ({ api: { POST: (...args: unknown[]) => post(...args) } }));

const data = new Map<string, string>();
type Outbox = typeof import('./visit-outbox');
let outbox: Outbox;

const body = {
  kind: 'person',
  entryId: '7',
  visitedAt: '2026-03-02T02:00:00.000Z',
  method: 'door_to_door',
  outcome: 'insured_elsewhere',
  proofReference: ' ',
} as const;
const answer = (status: number, error?: unknown) => ({ response: new Response(null, { status: status === 0 ? 500 : status }), error });

describe('the phone outbox against the API', () => {
  beforeAll(async () => {
    vi.stubGlobal('localStorage', { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) });
    outbox = await import('./visit-outbox');
  });
  beforeEach(() => {
    data.clear();
    post.mockReset();
  });

  it('sends under the Idempotency-Key with a 15 s timeout; a refusal reaches the form in Chinese, with its field', async () => {
    post.mockResolvedValueOnce(
      answer(400, {
        statusCode: 400,
        error: 'VALIDATION',
        message: 'proofReference: 外地参保须填写参保凭证 (proofReference must not be blank)',
        fields: [{ field: 'proofReference', message: '外地参保须填写参保凭证 (proofReference must not be blank)' }],
      }),
    );
    const result = await outbox.saveVisit(body, '张三');
    const [path, init] = post.mock.calls[0] as [string, { headers: Record<string, string>; signal: AbortSignal }];
    expect(path).toBe('/api/registry-visits');
    expect(init.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(outbox.SEND_TIMEOUT_MS).toBe(15000);
    expect(result.kind).toBe('refused');
    if (result.kind !== 'refused') return;
    expect(result.error.message).toBe('参保凭证：外地参保须填写参保凭证');
    expect(result.error.fieldMessage('proofReference')).toBe('外地参保须填写参保凭证');
    expect(data.get('yingbao.visitOutbox')).toBe('[]');
  });

  it('a send that times out stays queued under its key; a 409 IN_PROGRESS too; a 409 CONFLICT is kept as failed, in Chinese', async () => {
    post.mockRejectedValueOnce(new DOMException('signal timed out', 'TimeoutError'));
    expect(await outbox.saveVisit(body, '张三')).toEqual({ kind: 'queued' });
    const [queued] = JSON.parse(data.get('yingbao.visitOutbox')!) as { key: string; attempts: number; failed?: string }[];
    expect(queued).toMatchObject({ attempts: 1 });
    expect(queued.failed).toBeUndefined();

    post.mockResolvedValueOnce(answer(201, undefined));
    post.mockResolvedValueOnce(
      answer(409, {
        statusCode: 409,
        error: 'IN_PROGRESS',
        message: '同一 Idempotency-Key 的上一个请求仍在处理中，请稍后重试 (the first request under this key is still running)',
        fields: [],
      }),
    );
    // saving another visit makes every waiting one due: the first is sent (201), the second meets IN_PROGRESS and waits
    expect(await outbox.saveVisit({ ...body, entryId: '8' }, '李四')).toEqual({ kind: 'queued' });
    const keys = post.mock.calls.map((c) => (c[1] as { headers: Record<string, string> }).headers['Idempotency-Key']);
    expect(keys[1]).toBe(queued.key);
    const left = JSON.parse(data.get('yingbao.visitOutbox')!) as { entryName: string; failed?: string }[];
    expect(left).toEqual([expect.objectContaining({ entryName: '李四', attempts: 1 })]);
    expect(left[0].failed).toBeUndefined();
  });

  it('a waiting visit the API refuses for good is kept as failed for the banner, in Chinese only', async () => {
    post.mockResolvedValueOnce(answer(503, { statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: '服务暂不可用 (service unavailable)', fields: [] }));
    expect(await outbox.saveVisit(body, '张三')).toEqual({ kind: 'queued' });
    post.mockResolvedValueOnce(
      answer(409, {
        statusCode: 409,
        error: 'CONFLICT',
        message: '此 Idempotency-Key 已用于另一个不同的请求，请为新的操作换一个新的键 (the key k was used for another request)',
        fields: [],
      }),
    );
    post.mockResolvedValueOnce(answer(201, undefined));
    expect(await outbox.saveVisit({ ...body, entryId: '8' }, '李四')).toEqual({ kind: 'sent' });
    const left = JSON.parse(data.get('yingbao.visitOutbox')!) as { entryName: string; failed?: string }[];
    expect(left).toEqual([expect.objectContaining({ entryName: '张三', failed: '此 Idempotency-Key 已用于另一个不同的请求，请为新的操作换一个新的键' })]);
  });
});
