import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { spawnWorker, WorkerProcess } from '../notices/process/spawn-worker';
import { idNumber } from './registry-helpers';

jest.setTimeout(120000);

const ROWS = 30000;

/** Row i's ID number: birth dates from 1950-01-01, 999 people a day. */
function idOf(i: number): string {
  const d = new Date(Date.UTC(1950, 0, 1 + Math.floor(i / 999)));
  return idNumber(d.toISOString().slice(0, 10).replace(/-/g, ''), (i % 999) + 1);
}

/**
 * Issue 19 point 1: an upload taken by the api in this process is imported by a worker in another process that
 * shares no folder with it (its own empty TMPDIR; no UPLOAD_DIR exists any more): the file travels through
 * PostgreSQL in 1 MiB chunks and is gone once the import is done. The file spans three chunks, with Chinese
 * text cut across their edges.
 */
describe('registry import without a shared disk', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: WorkerProcess | undefined;
  const workerTmp = mkdtempSync(join(tmpdir(), 'yingbao-worker-own-'));

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await api.close();
    await env.drop();
    rmSync(workerTmp, { recursive: true, force: true });
  });

  it('a worker process imports what the api process stored, and the upload is deleted', async () => {
    const { campaignId } = await makeCampaign(api.ds);
    const lines = ['身份证号码,姓名,联系电话,住址,村社区代码,人员类别'];
    for (let i = 0; i < ROWS; i++) lines.push(`${idOf(i)},张三${i},138${String(i).padStart(8, '0')},临江街道幸福村第${i % 12}组长巷${i}号院,V1,other`);
    const file = Buffer.from(lines.join('\n'), 'utf8');
    expect(file.length).toBeGreaterThan(2 * 1024 * 1024);
    const office = await api.login('office');
    const res = await api
      .as(office)
      .post('/api/registry-imports')
      .field('campaignId', String(campaignId))
      .field('kind', 'person')
      .attach('file', file, '名册.csv');
    expect(res.status).toBe(202);
    const [stored] = await api.ds.query(
      `SELECT u.size::int, u.chunks, j.file_path FROM registry_import_job j JOIN upload_file u ON u.id = j.upload_id WHERE j.id = $1`,
      [res.body.id],
    );
    expect(stored).toEqual({ size: file.length, chunks: Math.ceil(file.length / (1024 * 1024)), file_path: null });
    expect(stored.chunks).toBe(3);

    worker = await spawnWorker(env, env.clock.now(), { TMPDIR: workerTmp });
    const job = await waitFor(
      async () => {
        const r = await api.as(office).get(`/api/registry-imports/${res.body.id}`);
        return ['done', 'failed'].includes(r.body.status) ? r.body : null;
      },
      90000,
      200,
    );
    expect(job).toMatchObject({ status: 'done', rowsRead: ROWS, rowsGood: ROWS, rowsBad: 0, inserted: ROWS });
    // every byte arrived: the last row's address, and a name cut across a chunk edge somewhere in between
    const last = await api.ds.query(`SELECT name, address FROM registry_person WHERE id_number = $1`, [idOf(ROWS - 1)]);
    expect(last).toEqual([{ name: `张三${ROWS - 1}`, address: `临江街道幸福村第${(ROWS - 1) % 12}组长巷${ROWS - 1}号院` }]);
    const [{ n }] = await api.ds.query(`SELECT count(DISTINCT name)::int AS n FROM registry_person WHERE name ~ '^张三[0-9]+$'`);
    expect(n).toBe(ROWS);
    // the upload is gone with the import, and the worker left nothing in its own folder
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM upload_file`)).toEqual([{ n: 0 }]);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM upload_chunk`)).toEqual([{ n: 0 }]);
    // (swc, which compiles the worker's sources for this test, keeps its own files there)
    expect(readdirSync(workerTmp).filter((f) => !f.startsWith('swc-'))).toEqual([]);
  });
});
