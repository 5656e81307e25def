import { ImportLoadHooks, UploadSweeper } from '#registry';
import { INestApplicationContext } from '@nestjs/common';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity, makeUser } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { idNumber, uscc } from './registry-helpers';
import { ScriptedLoadHooks } from './scripted-load-hooks';

/**
 * Issue 11, points 1 and 8 for registry imports: an import never touches an entry outside the importer's
 * subtree, every import is audited, and uploads are private and do not outlive their import.
 * The small city: C1 → D1 (T1 → V1, V2), D2 (T2 → V3).
 */
describe('registry import: scope, audit and uploads', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  const hooks = new ScriptedLoadHooks();
  let campaignId: number;
  let logins: Logins;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd2mgr', 'D2', ['unit_manager']);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    logins = await loginAs(api, ['admin', 'd1mgr', 'd2mgr']);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  const post = (user: string, content: string, name: string, kind: string, campaign: number | string = campaignId) =>
    logins.as(user).post('/api/registry-imports').field('campaignId', String(campaign)).field('kind', kind).attach('file', Buffer.from(content), name);
  async function upload(user: string, content: string, name: string, kind = 'person', campaign = campaignId): Promise<string> {
    const res = await post(user, content, name, kind, campaign);
    expect(res.status).toBe(202);
    return res.body.id;
  }
  async function finished(user: string, id: string) {
    return waitFor(async () => {
      const r = await logins.as(user).get(`/api/registry-imports/${id}`);
      return ['done', 'failed'].includes(r.body.status) ? r.body : null;
    });
  }
  const uploadOf = async (id: string): Promise<string> =>
    (await api.ds.query(`SELECT upload_id::text FROM registry_import_job WHERE id = $1`, [id]))[0].upload_id;
  /** Whether the upload is still stored (in the database: no disk holds it). */
  const stored = async (uploadId: string): Promise<boolean> => (await api.ds.query(`SELECT 1 FROM upload_file WHERE id = $1`, [uploadId])).length === 1;
  const uploads = async () => (await api.ds.query(`SELECT id::text FROM upload_file`)).map((r: { id: string }) => r.id);
  const errorsOf = async (user: string, id: string) =>
    (await logins.as(user).get(`/api/registry-imports/${id}/errors`)).body.items as {
      rowNumber: number;
      column: string;
      reason: string;
    }[];
  const entry = async (table: string, key: string, value: string, campaign = campaignId) =>
    (
      await api.ds.query(
        `SELECT x.id::text, x.name, o.code AS unit, x.org_unit_path, x.cadre_id, x.assigned_at, x.updated_at, x.import_job_id::text AS job, x.${table === 'registry_person' ? 'phone' : 'staff_count'} AS detail
           FROM ${table} x JOIN org_unit o ON o.id = x.org_unit_id WHERE x.campaign_id = $1 AND x.${key} = $2`,
        [campaign, value],
      )
    )[0];
  /** Every unit's code and name: a reason must name none. */
  const unitWords = async (): Promise<string[]> =>
    (await api.ds.query(`SELECT code, name FROM org_unit`)).flatMap((u: { code: string; name: string }) => [u.code, u.name]);

  const P1 = idNumber('19850315', 11); // D1's person
  const P2 = idNumber('19900101', 22); // D2's new person
  const E1 = uscc('MA0000101'); // D1's employer
  const E2 = uscc('MA0000102'); // D2's new employer
  const personReason = '该证件号码已登记在其他单位名下，本次导入未作修改，请联系扩面办处理';
  const employerReason = '该统一社会信用代码已登记在其他单位名下，本次导入未作修改，请联系扩面办处理';

  it('an upload waiting for the worker is stored in the database, taken by its import', async () => {
    // no worker yet: the job stays queued
    const content = ['idNumber,name,phone,villageCode,group', `${P1},张三,13800001111,V1,other`].join('\n');
    const id = await upload('d1mgr', content, 'd1-people.csv');
    const path = await uploadOf(id);
    expect(
      await api.ds.query(
        `SELECT file_name, size::int, chunks, complete_at IS NOT NULL AS complete, kept_at IS NOT NULL AS kept FROM upload_file WHERE id = $1`,
        [path],
      ),
    ).toEqual([{ file_name: 'd1-people.csv', size: Buffer.byteLength(content), chunks: 1, complete: true, kept: true }]);
    expect((await logins.as('d1mgr').get(`/api/registry-imports/${id}`)).body.status).toBe('queued');

    // the worker's first load lands it (the campaign's own partition), then deletes the file
    worker = await startWorker(env, [[ImportLoadHooks, hooks]]);
    let spoolMode: number | undefined;
    hooks.onStaged = async (jobId) => {
      spoolMode = statSync(join(hooks.spoolDir(), `yingbao-import-${jobId}-errors.tsv`)).mode & 0o777;
    };
    try {
      expect(await finished('d1mgr', id)).toMatchObject({ status: 'done', inserted: 1, rowsOutOfScope: 0 });
    } finally {
      hooks.onStaged = undefined;
    }
    expect(spoolMode).toBe(0o600); // the bad rows' spool file is private too
    expect(await api.ds.query(`SELECT to_regclass($1)::text AS t`, [`registry_person_c${campaignId}`])).toEqual([{ t: `registry_person_c${campaignId}` }]);
    expect(await stored(path)).toBe(false);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM upload_chunk WHERE upload_id = $1`, [path])).toEqual([{ n: 0 }]);
    const [job] = await api.ds.query(`SELECT file_removed_at FROM registry_import_job WHERE id = $1`, [id]);
    expect(job.file_removed_at).not.toBeNull();
  });

  it("a district manager's file naming another district's ID number and USCC changes nothing of those entries", async () => {
    // D1's employer (a first load of employers) and a cadre on D1's person
    const e1 = await upload('d1mgr', ['uscc,name,unitCode,staffCount,insuredCount', `${E1},一区公司,T1,10,2`].join('\n'), 'd1-employers.csv', 'employer');
    expect(await finished('d1mgr', e1)).toMatchObject({ status: 'done', inserted: 1 });
    await api.ds.query(`UPDATE registry_person SET cadre_id = (SELECT id FROM app_user WHERE username = 'v1cadre'), assigned_at = now() WHERE id_number = $1`, [
      P1,
    ]);
    const personBefore = await entry('registry_person', 'id_number', P1);
    const employerBefore = await entry('registry_employer', 'uscc', E1);
    expect(personBefore).toMatchObject({ unit: 'V1', name: '张三' });
    expect(personBefore.cadre_id).not.toBeNull();

    const people = await upload(
      'd2mgr',
      ['idNumber,name,phone,villageCode,group', `${P2},李四,,V3,other`, `${P1},冒名,13900000000,V3,hardship`, `${P1},再冒名,,V3,other`].join('\n'),
      'd2-people.csv',
    );
    expect(await finished('d2mgr', people)).toMatchObject({ status: 'done', rowsRead: 3, rowsGood: 1, rowsBad: 2, rowsOutOfScope: 2, inserted: 1, updated: 0 });
    expect(await entry('registry_person', 'id_number', P1)).toEqual(personBefore);
    expect(await entry('registry_person', 'id_number', P2)).toMatchObject({ unit: 'V3', name: '李四', job: people });
    const errs = await errorsOf('d2mgr', people);
    expect(errs).toEqual([
      { rowNumber: 3, column: 'idNumber', reason: personReason },
      { rowNumber: 4, column: 'idNumber', reason: personReason },
    ]);
    const words = await unitWords();
    for (const e of errs) for (const w of words) expect(e.reason).not.toContain(w);

    const employers = await upload(
      'd2mgr',
      ['uscc,name,unitCode,staffCount,insuredCount', `${E1},冒名公司,T2,99,0`, `${E2},二区公司,T2,5,5`].join('\n'),
      'd2-employers.csv',
      'employer',
    );
    expect(await finished('d2mgr', employers)).toMatchObject({ status: 'done', rowsGood: 1, rowsBad: 1, rowsOutOfScope: 1, inserted: 1, updated: 0 });
    expect(await entry('registry_employer', 'uscc', E1)).toEqual(employerBefore);
    expect(await errorsOf('d2mgr', employers)).toEqual([{ rowNumber: 2, column: 'uscc', reason: employerReason }]);

    // and the full record stays closed to D2
    const open = await logins.as('d2mgr').get(`/api/registry-people/${personBefore.id}`);
    expect(open.status).toBe(403);
  });

  it('every import writes an audit row with its counts and the uploader as actor', async () => {
    const [job] = await api.ds.query(`SELECT id::text FROM registry_import_job WHERE file_name = 'd2-people.csv'`);
    const rows = await api.ds.query(
      `SELECT actor_id, actor_username, org_unit_path, changes FROM audit_log WHERE action = 'registry.import' AND entity_id = $1`,
      [job.id],
    );
    expect(rows).toHaveLength(1);
    const [d2] = await api.ds.query(`SELECT u.id, o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE username = 'd2mgr'`);
    expect(rows[0]).toMatchObject({ actor_id: d2.id, actor_username: 'd2mgr', org_unit_path: d2.path });
    const after = Object.fromEntries(Object.entries(rows[0].changes as Record<string, { after: unknown }>).map(([k, v]) => [k, v.after]));
    expect(after).toEqual({ campaignId, kind: 'person', fileName: 'd2-people.csv', rows: 3, inserted: 1, updated: 0, bad: 2, outOfScope: 2 });
    // one per import so far: the four done ones
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.import'`)).toEqual([{ n: 4 }]);
  });

  it('an in-scope re-import still updates, and the owner may move an entry within its subtree', async () => {
    const id = await upload('d1mgr', ['idNumber,name,phone,villageCode,group', `${P1},张三,13800002222,V2,other`].join('\n'), 'd1-again.csv');
    expect(await finished('d1mgr', id)).toMatchObject({ status: 'done', updated: 1, rowsOutOfScope: 0, rowsBad: 0 });
    expect(await entry('registry_person', 'id_number', P1)).toMatchObject({ unit: 'V2', detail: '13800002222', job: id, cadre_id: null });
    // a unit code outside the importer's subtree is refused too (nobody can move an entry out of their subtree)
    const out = await upload('d1mgr', ['idNumber,name,villageCode,group', `${P1},张三,V3,other`].join('\n'), 'd1-out.csv');
    expect(await finished('d1mgr', out)).toMatchObject({ status: 'done', rowsBad: 1, updated: 0 });
    expect((await errorsOf('d1mgr', out))[0]).toMatchObject({ column: 'villageCode', reason: '村社区代码 V3 不存在或不在本单位辖区' });
    expect(await entry('registry_person', 'id_number', P1)).toMatchObject({ unit: 'V2' });
  });

  it('entries written outside an import (default partition) are protected the same way', async () => {
    const other = (await makeCampaign(api.ds)).campaignId;
    const P3 = idNumber('19700101', 33);
    await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group)
       SELECT $1, id, path, $2, '直录', 'M', '1970-01-01', 'other' FROM org_unit WHERE code = 'V1'`,
      [other, P3],
    );
    const before = await entry('registry_person', 'id_number', P3, other);
    // not a first load (the campaign has an entry): the staging path, which refuses the foreign key
    const id = await upload('d2mgr', ['idNumber,name,villageCode,group', `${P3},冒名,V3,other`].join('\n'), 'd2-default.csv', 'person', other);
    expect(await finished('d2mgr', id)).toMatchObject({ status: 'done', rowsOutOfScope: 1, inserted: 0, updated: 0 });
    expect(await entry('registry_person', 'id_number', P3, other)).toEqual(before);
    expect(await api.ds.query(`SELECT to_regclass($1) AS t`, [`registry_person_c${other}`])).toEqual([{ t: null }]);
  });

  it('an admin, who sees the whole tree, may still re-file an entry anywhere', async () => {
    const id = await upload('admin', ['idNumber,name,villageCode,group', `${P2},李四,V1,other`].join('\n'), 'admin.csv');
    expect(await finished('admin', id)).toMatchObject({ status: 'done', updated: 1, rowsOutOfScope: 0 });
    expect(await entry('registry_person', 'id_number', P2)).toMatchObject({ unit: 'V1' });
    await api.ds.query(
      `UPDATE registry_person SET org_unit_id = (SELECT id FROM org_unit WHERE code = 'V3'), org_unit_path = (SELECT path FROM org_unit WHERE code = 'V3') WHERE id_number = $1`,
      [P2],
    );
  });

  it('assignment by filter or by ids cannot touch entries outside the caller', async () => {
    const [v1] = await api.ds.query(`SELECT id FROM org_unit WHERE code = 'V1'`);
    const [cadre] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'v1cadre'`);
    const p1 = await entry('registry_person', 'id_number', P1);
    const assign = (body: object) => logins.as('d2mgr').post('/api/registry-assignments').send(body);
    expect((await assign({ kind: 'person', mode: 'filter', villageId: v1.id, cadreId: cadre.id })).status).toBe(403);
    expect((await assign({ kind: 'person', mode: 'even', villageId: v1.id })).status).toBe(403);
    expect((await assign({ kind: 'person', mode: 'single', ids: [p1.id], cadreId: cadre.id })).status).toBe(403);
    expect(await entry('registry_person', 'id_number', P1)).toEqual(p1);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_assignment WHERE person_id = $1`, [p1.id])).toEqual([{ n: 0 }]);
  });

  it('a failed import and a refused upload leave no file behind', async () => {
    const failed = await upload('d1mgr', 'name,villageCode\n张三,V1\n', 'no-id-column.csv');
    const path = await uploadOf(failed);
    expect(await finished('d1mgr', failed)).toMatchObject({ status: 'failed' });
    expect(await stored(path)).toBe(false);
    // without its file the import cannot be retried: a 409 that says to upload again
    const retry = await logins.as('d1mgr').post(`/api/registry-imports/${failed}/retry`);
    expect([retry.status, retry.body.error]).toEqual([409, 'IMPORT_FILE_DELETED']);
    expect(retry.body.message).toContain('请重新上传');
    // a failure is audited too
    expect(await api.ds.query(`SELECT actor_username FROM audit_log WHERE action = 'registry.import.failed' AND entity_id = $1`, [failed])).toEqual([
      { actor_username: 'd1mgr' },
    ]);

    const d1Campaign = (await makeCampaign(api.ds, { owner: 'D1' })).campaignId;
    const file = ['idNumber,name,villageCode,group', `${P1},张三,V3,other`].join('\n');
    const refused = [
      await post('d2mgr', file, 'other-district.csv', 'person', d1Campaign), // a campaign of another district
      await post('d2mgr', file, 'no-campaign.csv', 'person', 987654), // no such campaign
      await post('d2mgr', file, 'bad-kind.csv', 'martian'), // a field the validation refuses
      await post('d2mgr', file, 'people.txt', 'person'), // neither CSV nor XLSX
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 404, 400, 400]);
    expect(await uploads()).toEqual([]);
  });

  it('UPLOAD_RETAIN_FAILED_HOURS keeps a failed upload (for a retry) until the sweep after that many hours', async () => {
    env.config.UPLOAD_RETAIN_FAILED_HOURS = 2; // the api and the worker share this config object
    try {
      const id = await upload('d1mgr', 'name,villageCode\n张三,V1\n', 'kept.csv');
      const path = await uploadOf(id);
      expect(await finished('d1mgr', id)).toMatchObject({ status: 'failed' });
      expect(await stored(path)).toBe(true);
      const sweeper = worker!.get(UploadSweeper);
      env.clock.advance(2 * 3_600_000 - 60_000);
      expect(await sweeper.sweep()).toBe(0);
      expect(await stored(path)).toBe(true);
      env.clock.advance(120_000);
      expect(await sweeper.sweep()).toBe(1);
      expect(await stored(path)).toBe(false);
      expect(await sweeper.sweep()).toBe(0);
      expect((await logins.as('d1mgr').post(`/api/registry-imports/${id}/retry`)).status).toBe(409);
    } finally {
      env.config.UPLOAD_RETAIN_FAILED_HOURS = 0;
    }
    expect(await uploads()).toEqual([]);
  });

  it("lists the imports filed under the caller's unit, newest first, filtered by status", async () => {
    const list = async (user: string, query = '') => (await logins.as(user).get(`/api/registry-imports?pageSize=500${query}`)).body;
    const id = await upload('d1mgr', 'name,villageCode\n张三,V1\n', 'listed.csv');
    if (worker) await finished('d1mgr', id); // so that no status changes under the comparisons below
    const mine = await api.ds.query(
      `SELECT j.id::text, j.status FROM registry_import_job j WHERE j.org_unit_path LIKE (SELECT path FROM org_unit WHERE code = 'D1') || '%' ORDER BY j.id DESC`,
    );
    const d1 = await list('d1mgr');
    expect(d1.total).toBe(mine.length);
    expect(d1.items.map((i: { id: string }) => i.id)).toEqual(mine.map((r: { id: string }) => r.id));
    expect(d1.items[0]).toMatchObject({ campaignId, kind: expect.any(String), fileName: expect.any(String), status: mine[0].status });
    const failed = await list('d1mgr', '&status=failed');
    expect(failed.items.map((i: { id: string }) => i.id)).toEqual(
      mine.filter((r: { status: string }) => r.status === 'failed').map((r: { id: string }) => r.id),
    );
    // D2's manager sees none of D1's; the admin sees every import
    const d2 = await list('d2mgr');
    expect(d2.items.filter((i: { id: string }) => mine.some((r: { id: string }) => r.id === i.id))).toEqual([]);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM registry_import_job`);
    expect((await list('admin')).total).toBe(n);
    expect((await list('d1mgr', '&status=nope')).statusCode).toBe(400);
  });
});
