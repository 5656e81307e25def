import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from './registry-helpers';

/**
 * An import uploaded three times at once under one Idempotency-Key is one import (issue 13 point 3):
 * three 202s with the same id, one job, and only the first copy of the file kept in the upload store (each
 * replay's copy is deleted). Another campaign under the key (another form field) is a 409.
 */
describe('the same import uploaded three times under one key', () => {
  let env: TestEnv;
  let api: TestApi;
  let office: string;
  let campaignId: number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    office = await api.login('office');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const storedUploads = async () => (await api.ds.query(`SELECT count(*)::int AS n FROM upload_file`))[0].n as number;
  const csv = ['idNumber,name,phone,address,villageCode,group', `${idNumber('19850315', 11)},张三,13800001111,一组,V1,platform_worker`].join('\n');
  const upload = (campaign: number) =>
    api
      .as(office)
      .post('/api/registry-imports')
      .set({ 'Idempotency-Key': 'import-1' })
      .field('campaignId', String(campaign))
      .field('kind', 'person')
      .attach('file', Buffer.from(csv), 'people.csv');

  it('one import, three equal answers, one file kept', async () => {
    const three = await Promise.all([1, 2, 3].map(() => upload(campaignId)));
    expect(three.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(three[0].body).toMatchObject({ id: expect.any(String), status: 'queued' });
    for (const r of three) expect(r.text).toBe(three[0].text);
    expect(three.filter((r) => r.headers['idempotent-replayed'] === 'true').length).toBe(2);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM registry_import_job`))[0].n).toBe(1);
    expect(await storedUploads()).toBe(1);

    const other = (await makeCampaign(api.ds)).campaignId;
    const res = await upload(other);
    expect(res.status).toBe(409);
    expect(res.body.fields[0].field).toBe('Idempotency-Key');
    // refused: its file is deleted too, and no job is made
    expect(await storedUploads()).toBe(1);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM registry_import_job`))[0].n).toBe(1);
  });
});
