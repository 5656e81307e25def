import { INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { JobIdentity, withDatabase } from '#core';
import type Redis from 'ioredis';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { SERVER_URL } from '../helpers/global-setup';
import { idNumber } from '../registry/registry-helpers';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

jest.setTimeout(60000);

/**
 * Issue 12 point 8. Job ids are deterministic per database (probe-<id>, registry-import-<id>-<n>) and BullMQ
 * keeps completed jobs for a day. Before job ids carried the database's identity, a database restored
 * from a backup under the same QUEUE_PREFIX handed out the ids that the original had already used after
 * the backup, and BullMQ dropped its new jobs as duplicates: its probes were never processed.
 */
describe('a restored database keeps working under the same queue prefix', () => {
  let env: TestEnv;
  let restored: TestEnv;
  let backupName: string;
  const admin = new Client({ connectionString: SERVER_URL });

  beforeAll(async () => {
    env = await createTestEnv();
    await admin.connect();
    const api = await startApi(env);
    await makeSmallCity(api.ds);
    await api.close();
  });
  afterAll(async () => {
    await env.drop();
    await admin.query(`DROP DATABASE IF EXISTS ${backupName} WITH (FORCE)`);
    await admin.end();
  });

  async function run<T>(on: TestEnv, fn: (api: TestApi, token: string) => Promise<T>): Promise<T> {
    const api = await startApi(on);
    const worker: INestApplicationContext = await startWorker(on);
    try {
      return await fn(api, await api.login('admin'));
    } finally {
      await worker.close();
      await api.close();
    }
  }
  async function withApi<T>(on: TestEnv, fn: (api: TestApi) => Promise<T>): Promise<T> {
    const api = await startApi(on);
    try {
      return await fn(api);
    } finally {
      await api.close();
    }
  }
  const probe = async (api: TestApi, token: string): Promise<{ id: number; processed: boolean }> => {
    const res = await api.as(token).post('/api/system/probes');
    expect(res.status).toBe(202);
    const id = res.body.id as number;
    const processed = await waitFor(async () => {
      const [row] = await api.ds.query(`SELECT processed_at FROM worker_probe WHERE id = $1`, [id]);
      return row.processed_at !== null;
    }, 5000).catch(() => false);
    return { id, processed };
  };

  it('processes the jobs of a database restored from a backup taken before the last jobs ran', async () => {
    const dbName = env.url.split('/').pop()!;
    backupName = `${dbName}_backup`;
    await run(env, async (api, token) => expect(await probe(api, token)).toEqual({ id: 1, processed: true }));
    // the backup: a byte copy of the database as it is now (CREATE DATABASE … TEMPLATE, as a physical restore would be)
    await admin.query(`CREATE DATABASE ${backupName} TEMPLATE ${dbName}`);
    // the original goes on: probe 2 runs, and BullMQ keeps its job as completed
    await run(env, async (api, token) => expect(await probe(api, token)).toEqual({ id: 2, processed: true }));
    // restored from the backup, on the same Redis under the same QUEUE_PREFIX: its next probe is id 2 again
    const url = withDatabase(SERVER_URL, backupName);
    restored = { ...env, url, config: Object.assign(Object.create(Object.getPrototypeOf(env.config)), env.config, { DATABASE_URL: url }) };
    await run(restored, async (api, token) => expect(await probe(api, token)).toEqual({ id: 2, processed: true }));
  });

  it('processes the jobs of a database restored in place (emptied, then pg_restore: same cluster, oid and timeline)', async () => {
    const dbName = env.url.split('/').pop()!;
    const dump = join(tmpdir(), `yingbao-restore-${process.pid}.dump`);
    const [{ n }] = await withApi(env, (api) => api.ds.query(`SELECT count(*)::int AS n FROM worker_probe`));
    await run(env, async (api, token) => expect(await probe(api, token)).toEqual({ id: n + 1, processed: true }));
    execFileSync('pg_dump', ['-Fc', '-f', dump, env.url]);
    // the original goes on: probe n + 2 runs, and BullMQ keeps its job as completed
    await run(env, async (api, token) => expect(await probe(api, token)).toEqual({ id: n + 2, processed: true }));
    // restored into the same database: the oid, the cluster and the timeline are those of before
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
    const c = new Client({ connectionString: env.url });
    await c.connect();
    await c.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    await c.end();
    execFileSync('pg_restore', ['--single-transaction', '--no-owner', '-d', env.url, dump]);
    rmSync(dump, { force: true });
    // its next probe is n + 2 again, whose job id BullMQ already holds as completed
    await run(env, async (api, token) => expect(await probe(api, token)).toEqual({ id: n + 2, processed: true }));
  });

  it('a retry writes again an import whose job Redis no longer holds, and refuses one still waiting', async () => {
    const api = await startApi(env); // no worker yet: the upload's job stays in the outbox
    try {
      const campaign = (await makeCampaign(api.ds)).campaignId;
      const office = await api.login('office');
      const res = await api
        .as(office)
        .post('/api/registry-imports')
        .field('campaignId', String(campaign))
        .field('kind', 'person')
        .attach('file', Buffer.from(`idNumber,name,villageCode,group\n${idNumber('19800101', 11)},张三,V1,other\n`), 'a.csv');
      expect(res.status).toBe(202);
      const id = res.body.id as string;
      const retry = () => api.as(office).post(`/api/registry-imports/${id}/retry`);
      // not yet relayed: it will run, so a retry is refused
      const waiting = await retry();
      expect(waiting.status).toBe(409);
      expect(waiting.body.message).toContain('已在排队');
      // relayed to a Redis that then lost its data (FLUSHALL, a restart without persistence): nothing will run it
      await api.ds.query(`UPDATE outbox SET relayed_at = now() WHERE job_name = 'registry.import'`);
      const again = await retry();
      expect(again.status).toBe(202);
      expect(again.body.status).toBe('queued');
      // written again under a new id, so BullMQ cannot drop it as the lost job's duplicate
      const ids = await api.ds.query(`SELECT job_id, relayed_at IS NULL AS waiting FROM outbox WHERE job_name = 'registry.import' ORDER BY id`);
      expect(ids).toEqual([
        { job_id: `registry-import-${id}-0`, waiting: false },
        { job_id: expect.stringMatching(new RegExp(`^registry-import-${id}-0-r\\d+$`)), waiting: true },
      ]);
      const worker = await startWorker(env);
      try {
        const done = await waitFor(async () => {
          const [row] = await api.ds.query(`SELECT status, inserted FROM registry_import_job WHERE id = $1`, [id]);
          return row.status === 'done' ? row : null;
        });
        expect(done).toEqual({ status: 'done', inserted: 1 });
      } finally {
        await worker.close();
      }
    } finally {
      await api.close();
    }
  });

  it('another worker relaying between the two reads is not taken for a restore (issue 19: three workers)', async () => {
    await withApi(env, async (api) => {
      const identity = api.app.get(JobIdentity);
      const before = await identity.current();
      const [{ id: last }] = await api.ds.query(`SELECT max(id)::text AS id FROM outbox WHERE relayed_at IS NOT NULL`);
      // a Redis in which, as the guard reads the high-water mark, another relay commits row last+1 and notes it
      let noted = Number(last);
      const redis = {
        get: async () => {
          const [row] = await api.ds.query(
            `INSERT INTO outbox (queue, job_name, job_id, payload, relayed_at) VALUES ('system', 'system.probe', 'probe-race', '{}', now()) RETURNING id::text AS id`,
          );
          noted = Number(row.id);
          return String(noted);
        },
      };
      expect(await identity.guardAgainstRestore(redis as unknown as Redis)).toBe(false);
      expect(noted).toBeGreaterThan(Number(last));
      expect(await identity.current()).toBe(before);
    });
  });
});
