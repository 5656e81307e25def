import { OUT_OF_SCOPE_REASON } from '../../libs/registry/src/import/import-loader';
import { INestApplicationContext } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSmallCity, makeUser } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { idNumber, makeCampaign, uscc } from './registry-helpers';

/** A file that names another district's entries changes nothing of them and says so without naming that district. */
describe('registry imports stay in the importer’s subtree', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  let campaignId: number;
  const tokens: Record<string, string> = {};

  const A = idNumber('19850315', 11); // filed under V1 (district D1)
  const B = idNumber('19900101', 22); // filed under V3 (district D2)
  const E1 = uscc('MA1234567'); // under T1 (D1)
  const E2 = uscc('000000042'); // under T2 (D2)

  beforeAll(async () => {
    env = await createTestEnv({ UPLOAD_DIR: join(tmpdir(), `yingbao-uploads-scope-${process.pid}`) });
    api = await startApi(env);
    worker = await startWorker(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd2mgr', 'D2', ['unit_manager']);
    campaignId = await makeCampaign(api.ds);
    for (const u of ['office', 'd2mgr', 'd1mgr']) tokens[u] = await api.login(u);
    // the office's first loads: one person and one employer in each district
    await importFile(
      'office',
      'person',
      ['idNumber,name,phone,address,villageCode,group', `${A},张三,13800001111,一组,V1,other`, `${B},李四,13800002222,二组,V3,other`].join('\n'),
    );
    await importFile('office', 'employer', ['uscc,name,unitCode,staffCount,insuredCount', `${E1},甲公司,T1,10,2`, `${E2},乙公司,T2,8,1`].join('\n'));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  async function importFile(user: string, kind: string, content: string) {
    const res = await api
      .http()
      .post('/api/registry-imports')
      .set({ Authorization: `Bearer ${tokens[user]}` })
      .field('campaignId', String(campaignId))
      .field('kind', kind)
      .attach('file', Buffer.from(content), `${kind}.csv`);
    expect(res.status).toBe(202);
    const job = await waitFor(async () => {
      const r = await api
        .http()
        .get(`/api/registry-imports/${res.body.id}`)
        .set({ Authorization: `Bearer ${tokens[user]}` });
      return ['done', 'failed'].includes(r.body.status) ? r.body : null;
    });
    const errors = await api
      .http()
      .get(`/api/registry-imports/${res.body.id}/errors`)
      .set({ Authorization: `Bearer ${tokens[user]}` });
    return { job, errors: errors.body.items as { rowNumber: number; column: string; reason: string }[] };
  }
  const people = () =>
    api.ds.query(`SELECT id_number, name, phone, org_unit_id, org_unit_path, import_job_id, cadre_id FROM registry_person ORDER BY id_number`);
  const employers = () => api.ds.query(`SELECT uscc, name, org_unit_id, staff_count, import_job_id FROM registry_employer ORDER BY uscc`);

  it('refuses rows naming another district’s people, and still updates its own', async () => {
    const before = await people();
    // D2's manager files A (D1's) under its own village V3 with a new name, and renames its own B
    const { job, errors } = await importFile(
      'd2mgr',
      'person',
      ['idNumber,name,phone,address,villageCode,group', `${A},冒名,13900000000,,V3,other`, `${B},李四改,13800002222,二组,V3,other`].join('\n'),
    );
    expect(job).toMatchObject({ status: 'done', rowsRead: 2, rowsGood: 1, rowsBad: 1, inserted: 0, updated: 1 });
    expect(errors).toEqual([{ rowNumber: 2, column: 'id_number', reason: OUT_OF_SCOPE_REASON }]);
    expect(OUT_OF_SCOPE_REASON).not.toMatch(/D1|T1|V1|单位D|单位T|单位V/);
    const after = await people();
    expect(after.find((p: { id_number: string }) => p.id_number === A)).toEqual(before.find((p: { id_number: string }) => p.id_number === A));
    expect(after.find((p: { id_number: string }) => p.id_number === B)).toMatchObject({ name: '李四改' });
  });

  it('refuses rows naming another district’s employers and changes nothing of them', async () => {
    const before = await employers();
    const { job, errors } = await importFile('d2mgr', 'employer', ['uscc,name,unitCode,staffCount,insuredCount', `${E1},抢占公司,T2,99,0`].join('\n'));
    expect(job).toMatchObject({ status: 'done', rowsRead: 1, rowsGood: 0, rowsBad: 1, inserted: 0, updated: 0 });
    expect(errors).toEqual([{ rowNumber: 2, column: 'uscc', reason: OUT_OF_SCOPE_REASON }]);
    expect(await employers()).toEqual(before);
  });

  it('lets the district that owns an entry update it', async () => {
    const { job, errors } = await importFile(
      'd1mgr',
      'person',
      ['idNumber,name,phone,address,villageCode,group', `${A},张三丰,13800001111,一组,V2,other`].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(job).toMatchObject({ status: 'done', rowsGood: 1, rowsBad: 0, updated: 1 });
    const [a] = await api.ds.query(`SELECT p.name, o.code FROM registry_person p JOIN org_unit o ON o.id = p.org_unit_id WHERE id_number = $1`, [A]);
    expect(a).toEqual({ name: '张三丰', code: 'V2' });
  });

  it('audits every import with who ran it and its counts', async () => {
    const rows = await api.ds.query(
      `SELECT actor_username, entity, changes->'counts'->'after' AS counts FROM audit_log WHERE action = 'import' AND entity LIKE 'registry_%' ORDER BY id`,
    );
    expect(rows.map((r: { actor_username: string; entity: string }) => `${r.actor_username}:${r.entity}`)).toEqual([
      'office:registry_person',
      'office:registry_employer',
      'd2mgr:registry_person',
      'd2mgr:registry_employer',
      'd1mgr:registry_person',
    ]);
    expect(rows[2].counts).toEqual({ rowsRead: 2, rowsGood: 1, rowsBad: 1, inserted: 0, updated: 1 });
  });
});
