import { ImportLoadHooks } from '#registry';
import { DIED_REASON, ImportReconciler } from '../../libs/registry/src/jobs/import-reconciler';
import { QueueName } from '#core';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ChildProcess } from 'node:child_process';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { freePort, OwnPostgres, startRedis, stopRedis } from '../helpers/own-servers';
import { startApi, startWorker, TestApi, testEnvOn, waitFor } from '../helpers/test-app';
import { idNumber } from './registry-helpers';
import { ScriptedLoadHooks } from './scripted-load-hooks';

jest.setTimeout(60000);

/**
 * Issue 13 point 2: imports end in a state a clerk can act on (done, failed with a reason in Chinese, or
 * running with a live job), on a PostgreSQL server of the test's own that it stops and restarts mid-import.
 * Before, a run cut off by the restart swallowed its failure (the database was down), its job completed,
 * and the import stayed running with no error for good; nothing re-ran it and its retry was accepted twice.
 */
describe('PostgreSQL restarted mid-import', () => {
  let pg: OwnPostgres;
  let redis: ChildProcess;
  let api: TestApi;
  let worker: INestApplicationContext;
  const hooks = new ScriptedLoadHooks();
  let office: string;
  let campaignId: number;

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    const port = await freePort();
    redis = await startRedis(port);
    const db = await pg.migrated('yingbao_import_restart');
    const env = testEnvOn(db, {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      UPLOAD_RETAIN_FAILED_HOURS: '24',
      JOB_RECONCILE_SECONDS: '1',
    });
    api = await startApi(env);
    worker = await startWorker(env, [[ImportLoadHooks, hooks]]);
    await makeSmallCity(api.ds);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    office = await api.login('office');
  });
  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await stopRedis(redis);
    pg?.destroy();
  });

  /** Uploads `n` people of V1 (seq from `first`, odd: men). */
  async function upload(first: number, n: number): Promise<string> {
    const rows = ['idNumber,name,villageCode,group'];
    for (let i = 0; i < n; i++) rows.push(`${idNumber('19850101', first + 2 * i)},人${first + i},V1,other`);
    const res = await api
      .as(office)
      .post('/api/registry-imports')
      .field('campaignId', String(campaignId))
      .field('kind', 'person')
      .attach('file', Buffer.from(rows.join('\n') + '\n'), `p${first}.csv`);
    expect(res.status).toBe(202);
    return res.body.id;
  }
  const view = async (id: string) => (await api.as(office).get(`/api/registry-imports/${id}`)).body;
  const settled = (id: string, ms = 30000) =>
    waitFor(
      async () => {
        const v = await view(id).catch(() => null);
        return v && ['done', 'failed'].includes(v.status) ? v : null;
      },
      ms,
      200,
    );
  const retry = (id: string) => api.as(office).post(`/api/registry-imports/${id}/retry`);

  it('down mid-import and back a few seconds later: the import runs again by itself and ends done', async () => {
    let cut = false;
    hooks.onStaged = async () => {
      hooks.onStaged = undefined;
      pg.down(); // the load's connection dies; so does the write of its failure
      cut = true;
    };
    const id = await upload(1, 10);
    await waitFor(async () => cut, 20000);
    // down across a retry: the job's first run and at least one retry (BullMQ's backoff) ended while PostgreSQL was down
    const queue = worker.get<Queue>(getQueueToken(QueueName.Imports), { strict: false });
    await waitFor(async () => {
      const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'failed', 'completed']);
      return jobs.some((j) => j.data?.importJobId === id && j.attemptsMade >= 2);
    }, 20000);
    pg.up();
    // 10 rows, 10 new people; the cut-off run wrote nothing, the next one everything
    expect(await settled(id)).toMatchObject({ status: 'done', rowsRead: 10, inserted: 10, error: null });
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_person WHERE import_job_id = $1`, [id])).toEqual([{ n: 10 }]);
    expect((await retry(id)).status).toBe(409);
  });

  it('restarted while the load runs: failed with a reason in Chinese, and a retry loads it', async () => {
    hooks.onStaged = async () => {
      hooks.onStaged = undefined;
      pg.down();
      pg.up(); // back before the run notices: its failure is written
    };
    const id = await upload(101, 5);
    const failed = await settled(id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('导入中断：数据库连接断开或重启，请点击重试');
    const again = await retry(id);
    expect(again.status).toBe(202);
    expect(await settled(id)).toMatchObject({ status: 'done', inserted: 5 });
  });

  it('an import left running by a dead job is re-run, then failed when re-run too often; retry works in every state but done and running', async () => {
    const reconciler = worker.get(ImportReconciler);
    hooks.onStaged = async () => {
      throw new Error('simulated crash');
    };
    const id = await upload(201, 3);
    expect(await settled(id)).toMatchObject({ status: 'failed', error: 'simulated crash' });
    // as if the run had died before writing its failure: running, its job done, no run holding its lock
    await api.ds.query(`UPDATE registry_import_job SET status = 'running', error = NULL WHERE id = $1`, [id]);
    const running = await retry(id);
    expect(running.status).toBe(409);
    expect(running.body.message).toContain('正在进行');
    expect(await reconciler.reconcileOnce()).toEqual({ rerun: [id], failed: [] });
    expect(await settled(id)).toMatchObject({ status: 'failed', error: 'simulated crash' });
    // died again after its re-runs (2): failed with the reason, in Chinese
    await api.ds.query(`UPDATE registry_import_job SET status = 'running', error = NULL, reruns = 2 WHERE id = $1`, [id]);
    expect(await reconciler.reconcileOnce()).toEqual({ rerun: [], failed: [id] });
    expect(await view(id)).toMatchObject({ status: 'failed', error: DIED_REASON });
    // queued, but its job was given up on (dead): failed with the reason too, not left queued for good
    await api.ds.query(`UPDATE registry_import_job SET status = 'queued', error = NULL WHERE id = $1`, [id]);
    await api.ds.query(
      `UPDATE outbox SET dead_at = now() WHERE id = (SELECT max(id) FROM outbox WHERE job_name = 'registry.import' AND payload->>'importJobId' = $1)`,
      [id],
    );
    expect(await reconciler.reconcileOnce()).toEqual({ rerun: [], failed: [id] });
    expect(await view(id)).toMatchObject({ status: 'failed', error: DIED_REASON });
    hooks.onStaged = undefined;
    expect((await retry(id)).status).toBe(202);
    expect(await settled(id)).toMatchObject({ status: 'done', inserted: 3 });
    expect(await api.ds.query(`SELECT reruns FROM registry_import_job WHERE id = $1`, [id])).toEqual([{ reruns: 0 }]);
    expect((await retry(id)).status).toBe(409);
  });
});
