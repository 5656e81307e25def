import { Job, UnrecoverableError } from 'bullmq';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { JobHandlers } from './job-handlers';

function job(name: string): Job {
  return { name, id: 'j-1', data: { probeId: 7, _outboxId: '3' } } as unknown as Job;
}

describe('JobHandlers.dispatch', () => {
  it('gives the handler the payload without the outbox id and answers its result', async () => {
    const handlers = new JobHandlers();
    const seen: unknown[] = [];
    handlers.register('system.probe', async (payload) => {
      seen.push(payload);
      return 'done';
    });
    await expect(handlers.dispatch(job('system.probe'))).resolves.toBe('done');
    expect(seen).toEqual([{ probeId: 7 }]);
  });

  it('turns a DomainError into an UnrecoverableError: BullMQ fails the job at once, no retries', async () => {
    const handlers = new JobHandlers();
    handlers.register('system.probe', async () => {
      throw DomainError.notFound('probe', 7);
    });
    const err = await handlers.dispatch(job('system.probe')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    // the code and the clerk's message, as logged and stored as the job's failedReason
    expect((err as Error).message).toBe(`${ErrorCode.NotFound}: 探测记录 7 不存在（probe 7 does not exist）`);
  });

  it('lets any other error through as it is (a lost connection is retried)', async () => {
    const handlers = new JobHandlers();
    const lost = new Error('Connection terminated unexpectedly');
    handlers.register('system.probe', async () => {
      throw lost;
    });
    await expect(handlers.dispatch(job('system.probe'))).rejects.toBe(lost);
  });
});
