import { OutcomesByEntryKind1764001030001 } from '../../libs/core/src/database/migrations/1764001030001-outcomes-by-entry-kind';
import { CampaignEscalations } from '#enforcement';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber, uscc } from './registry-helpers';

/**
 * Outcomes fit the entry (issue 12 point 5): an employer is deregistered (注销), moves away (迁出), stops
 * trading or is not found (查无此单位), never deceased; a person is deceased or unreachable, never
 * deregistered. A wrong one is a 400 on outcome; the database refuses it too.
 */
describe('visit outcomes by kind of entry', () => {
  let env: TestEnv;
  let api: TestApi;
  let campaignId: number;
  let token: string;
  const ids: Record<string, string> = {};

  const employer = async (key: string, serial: string) => {
    const [row] = await api.ds.query(
      `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, staff_count, insured_count, uninsured_count)
       SELECT $1, o.id, o.path, $2, $3, 10, 0, 10 FROM org_unit o WHERE o.code = 'V1' RETURNING id::text`,
      [campaignId, uscc(serial), key],
    );
    ids[key] = row.id;
  };
  const visit = (kind: 'person' | 'employer', key: string, outcome: string, at: string) =>
    api.as(token).post('/api/registry-visits').send({ kind, entryId: ids[key], visitedAt: at, method: 'door_to_door', outcome });
  const status = async (table: string, key: string) => (await api.ds.query(`SELECT status, last_outcome FROM ${table} WHERE id = $1`, [ids[key]]))[0];

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    token = await api.login('v1mgr');
    const [p] = await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group)
       SELECT $1, o.id, o.path, $2, '张三', 'M', '1980-01-01', 'other' FROM org_unit o WHERE o.code = 'V1' RETURNING id::text`,
      [campaignId, idNumber('19800101', 11)],
    );
    ids.zhang = p.id;
    for (const [k, serial] of [
      ['closedco', '000000001'],
      ['refuser', '000000002'],
      ['goneco', '000000003'],
    ])
      await employer(k, serial);
    env.clock.set('2026-03-02T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('refuses an employer recorded as deceased, and a person as deregistered, naming the outcome in Chinese', async () => {
    const dead = await visit('employer', 'closedco', 'deceased', '2026-03-01T02:00:00Z');
    expect(dead.status).toBe(400);
    expect(dead.body.fields).toEqual([
      {
        field: 'outcome',
        message:
          '用人单位的走访结果不能登记为“已死亡”，可选：已参保、承诺参保、拒绝参保、异地参保、不符合条件、已迁出、已注销、停业、歇业、查无此单位' +
          ' (outcome deceased does not fit kind employer: enrolled, will_enrol, refused, insured_elsewhere, not_eligible, moved_away, deregistered, suspended, not_found)',
      },
    ]);
    expect((await visit('employer', 'closedco', 'unreachable', '2026-03-01T02:00:00Z')).body.fields[0].field).toBe('outcome');
    const person = await visit('person', 'zhang', 'deregistered', '2026-03-01T02:00:00Z');
    expect(person.status).toBe(400);
    expect(person.body.fields[0].field).toBe('outcome');
    expect(person.body.fields[0].message).toMatch(
      /^个人的走访结果不能登记为“已注销”，可选：已参保、承诺参保、拒绝参保、异地参保、联系不上、已迁出、不符合条件、已死亡 /,
    );
    // nothing was recorded
    expect(await status('registry_employer', 'closedco')).toEqual({ status: 'pending', last_outcome: null });
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM registry_visit`))[0].n).toBe(0);
  });

  it('records an employer’s own outcomes and a person’s, and lists employers by them', async () => {
    await visit('employer', 'closedco', 'deregistered', '2026-03-01T02:00:00Z').expect(201);
    expect(await status('registry_employer', 'closedco')).toEqual({ status: 'deregistered', last_outcome: 'deregistered' });
    await visit('person', 'zhang', 'deceased', '2026-03-01T02:00:00Z').expect(201);
    expect(await status('registry_person', 'zhang')).toEqual({ status: 'deceased', last_outcome: 'deceased' });
    const list = await api.as(token).get('/api/registry-employers').query({ campaignId, status: 'deregistered' }).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([ids.closedco]);
  });

  it('refuses a mismatched outcome in the database too', async () => {
    await expect(
      api.ds.query(
        `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visited_at, method, outcome) SELECT campaign_id, id, org_unit_path, now(), 'phone', 'deceased' FROM registry_employer WHERE id = $1`,
        [ids.refuser],
      ),
    ).rejects.toThrow(/registry_visit_outcome_kind_check/);
    await expect(api.ds.query(`UPDATE registry_employer SET status = 'deceased' WHERE id = $1`, [ids.refuser])).rejects.toThrow(
      /registry_employer_status_check/,
    );
  });

  it('does not escalate an employer found deregistered after its refusals', async () => {
    // refuser: 3 refusals (1, 2, 3 Mar); goneco: the same 3 refusals, then 已注销 on 4 Mar
    env.clock.set('2026-03-05T02:00:00Z');
    for (const key of ['refuser', 'goneco']) for (const d of ['01', '02', '03']) await visit('employer', key, 'refused', `2026-03-${d}T01:00:00Z`).expect(201);
    await visit('employer', 'goneco', 'deregistered', '2026-03-04T01:00:00Z').expect(201);
    const ids3 = async (asOf: string) =>
      (await api.app.get(CampaignEscalations).candidatesAsOf(api.ds.manager, campaignId, '/', new Date(asOf), 3)).rows.map((r) => String(r.employerId)).sort();
    // as of 3 Mar 12:00 both refused three times; as of 5 Mar goneco is gone (deregistered on 4 Mar)
    expect(await ids3('2026-03-03T04:00:00Z')).toEqual([ids.refuser, ids.goneco].sort());
    expect(await ids3('2026-03-05T02:00:00Z')).toEqual([ids.refuser]);
  });

  it('maps employers’ person-only records of the old rule when migrating, keeping the original in the note', async () => {
    // a second campaign whose employers sit in their own partition, made as an import makes it (createLoadTable, attachLoaded):
    // the check dropped and added on the partitioned table reaches it too
    const other = (await makeCampaign(api.ds)).campaignId;
    await api.ds.query(
      `CREATE TABLE registry_employer_c${other} (LIKE registry_employer INCLUDING DEFAULTS INCLUDING CONSTRAINTS, CONSTRAINT registry_employer_c${other}_campaign CHECK (campaign_id = ${other}))`,
    );
    await api.ds.query(`ALTER TABLE registry_employer ATTACH PARTITION registry_employer_c${other} FOR VALUES IN (${other})`);
    const qr = api.ds.createQueryRunner();
    const migration = new OutcomesByEntryKind1764001030001();
    try {
      await migration.down(qr);
      const [o] = await api.ds.query(
        `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, status) SELECT $1, id, path, $2, 'otherco', 'deceased' FROM org_unit WHERE code = 'V1' RETURNING id::text`,
        [other, uscc('000000009')],
      );
      ids.otherco = o.id;
      await api.ds.query(
        `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visited_at, method, outcome, note)
         SELECT campaign_id, id, org_unit_path, '2026-03-04T03:00:00Z', 'phone', o, n FROM registry_employer, (VALUES ('deceased', '老板去世'), ('unreachable', NULL)) x(o, n) WHERE id = $1`,
        [ids.refuser],
      );
      await api.ds.query(`UPDATE registry_employer SET status = 'deceased', last_outcome = 'deceased' WHERE id = $1`, [ids.refuser]);
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    // 已死亡 -> 已注销 (deregistered), 联系不上 -> 查无此单位 (not_found); people keep theirs
    expect(await status('registry_employer', 'refuser')).toEqual({ status: 'deregistered', last_outcome: 'deregistered' });
    const visits = await api.ds.query(
      `SELECT outcome, note FROM registry_visit WHERE employer_id = $1 AND visited_at = '2026-03-04T03:00:00Z' ORDER BY outcome`,
      [ids.refuser],
    );
    expect(visits).toEqual([
      { outcome: 'deregistered', note: '老板去世；原登记结果：已死亡（不适用于用人单位）' },
      { outcome: 'not_found', note: '原登记结果：联系不上（不适用于用人单位）' },
    ]);
    expect(await status('registry_person', 'zhang')).toEqual({ status: 'deceased', last_outcome: 'deceased' });
    // the partition takes the new statuses and refuses the old ones like the rest
    expect(await status('registry_employer', 'otherco')).toEqual({ status: 'deregistered', last_outcome: null });
    await api.ds.query(`UPDATE registry_employer SET status = 'not_found' WHERE id = $1`, [ids.otherco]);
    await expect(api.ds.query(`UPDATE registry_employer SET status = 'deceased' WHERE id = $1`, [ids.otherco])).rejects.toThrow(
      /registry_employer_status_check/,
    );
  });
});
