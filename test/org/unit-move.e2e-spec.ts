import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeTasks, makeUnit, makeUser, QUARTERLY_2026 } from '../helpers/factories';
import { someoneWaitsForTheLock } from '../helpers/rollup-lock';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Issue 12.3: a unit holding live tasks is not moved (nor deactivated); a unit without them moves with
 * everything filed under its paths.
 *
 * Tree and the live campaign's split of 企业职工养老保险参保人数 (targets by hand):
 *   滨江市 BJ 5334 = 东湖区 2667 + 西岭区 2667
 *     东湖区 DH 2667 = 临江街道 667 + 东湖街道 1000 + 湖滨街道 1000   (新城街道 DH04 has no live task)
 *       临江街道 DH01 667 → 临江一村 DH0101 667
 *       新城街道 DH04 → 新城村 DH0401: a withdrawn task of the live campaign, a task of a closed campaign
 *     西岭区 XL 2667 = 西岭街道 1334 + 岭南街道 1333
 * Moving 临江街道 to 西岭区 on the old code: 东湖区's lines 1000 + 1000 = 2000 against 2667, 西岭区's
 * 1334 + 1333 + 667 = 3334 against 2667.
 */
describe('moving a unit keeps the sums true (issue 12.3)', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  let tasks: Record<string, number>;
  let u: Record<string, number>;
  const TASK = '「2026年扩面征缴」企业职工养老保险参保人数';
  const ADVICE = '请先结束这些任务（结束活动，或由上级提交不含该单位的新版分解表并经审批），再';

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    const units: [string, string, string, string?][] = [
      ['BJ', 'city', '滨江市'],
      ['DH', 'district', '东湖区', 'BJ'],
      ['XL', 'district', '西岭区', 'BJ'],
      ['DH01', 'town', '临江街道', 'DH'],
      ['DH02', 'town', '东湖街道', 'DH'],
      ['DH03', 'town', '湖滨街道', 'DH'],
      ['DH04', 'town', '新城街道', 'DH'],
      ['XL01', 'town', '西岭街道', 'XL'],
      ['XL02', 'town', '岭南街道', 'XL'],
      ['DH0101', 'village', '临江一村', 'DH01'],
      ['DH0401', 'village', '新城村', 'DH04'],
    ];
    u = {};
    for (const [code, level, name, parent] of units) u[code] = (await makeUnit(api.ds, code, level, parent, name)).id;
    for (const [name, code, roles] of [
      ['office', 'BJ', ['office']],
      ['dhmgr', 'DH', ['unit_manager']],
      ['xlmgr', 'XL', ['unit_manager']],
      ['ljmgr', 'DH01', ['unit_manager']],
      ['xcmgr', 'DH04', ['unit_manager']],
    ] as const)
      await makeUser(api.ds, name, code, [...roles]);
    logins = await loginAs(api, ['office', 'dhmgr', 'xlmgr', 'ljmgr', 'xcmgr']);

    const live = await makeCampaign(api.ds, {
      owner: 'BJ',
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'EP', name: '企业职工养老保险参保人数', kind: 'count' }],
    });
    campaignId = live.campaignId;
    tasks = await makeTasks(api.ds, campaignId, live.indicatorIds.EP, {
      unit: 'BJ',
      target: 5334,
      children: [
        {
          unit: 'DH',
          target: 2667,
          children: [
            { unit: 'DH01', target: 667, children: [{ unit: 'DH0101', target: 667 }] },
            { unit: 'DH02', target: 1000 },
            { unit: 'DH03', target: 1000 },
          ],
        },
        {
          unit: 'XL',
          target: 2667,
          children: [
            { unit: 'XL01', target: 1334 },
            { unit: 'XL02', target: 1333 },
          ],
        },
      ],
    });
    // 新城村: a share withdrawn by a later split (not live) and a task of last year's closed campaign
    await api.ds.query(
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline, withdrawn_at) VALUES ($1, $2, $3, $4, 50, '2026-12-31', now())`,
      [campaignId, live.indicatorIds.EP, u.DH0401, tasks.DH],
    );
    const closed = await makeCampaign(api.ds, {
      owner: 'BJ',
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'EP', name: '企业职工养老保险参保人数', kind: 'count' }],
    });
    await api.ds.query(`UPDATE campaign SET status = 'closed', name = '2025年扩面征缴' WHERE id = $1`, [closed.campaignId]);
    await makeTasks(api.ds, closed.campaignId, closed.indicatorIds.EP, { unit: 'BJ', target: 80, children: [{ unit: 'DH04', target: 80 }] });
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  /** The targets of the live child tasks of a task, and their sum. */
  const lines = async (taskId: number) => {
    const rows: { target: string }[] = await api.ds.query(
      `SELECT trim_scale(target)::text AS target FROM task WHERE parent_task_id = $1 AND withdrawn_at IS NULL ORDER BY id`,
      [taskId],
    );
    return { targets: rows.map((r) => r.target), sum: rows.reduce((s, r) => s + Number(r.target), 0) };
  };
  const ancestors = async (who: string, id: number) =>
    (await logins.as(who).get(`/api/org-units/${id}/ancestors`).expect(200)).body.map((x: { name: string }) => x.name);

  it('refuses to move 临江街道 to 西岭区 with a 409 naming its live tasks, and nothing changes', async () => {
    const res = await logins.as('office').post(`/api/org-units/${u.DH01}/move`).send({ parentId: u.XL });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('CONFLICT');
    // its own task and its village's (depth order), targets without trailing zeros
    expect(res.body.message).toBe(
      `临江街道及其下级单位承担着未结束活动的任务，不能调整上级单位：${TASK}（临江街道，目标 667）、${TASK}（临江一村，目标 667）。${ADVICE}调整上级单位。`,
    );
    expect(res.body.details).toEqual({
      liveTasks: [
        { taskId: tasks.DH01, campaign: '2026年扩面征缴', indicator: '企业职工养老保险参保人数', unit: '临江街道', target: '667' },
        { taskId: tasks.DH0101, campaign: '2026年扩面征缴', indicator: '企业职工养老保险参保人数', unit: '临江一村', target: '667' },
      ],
      total: 2,
    });
    // the sums still add up: 东湖区 667 + 1000 + 1000 = 2667, 西岭区 1334 + 1333 = 2667
    expect(await lines(tasks.DH)).toEqual({ targets: ['667', '1000', '1000'], sum: 2667 });
    expect(await lines(tasks.XL)).toEqual({ targets: ['1334', '1333'], sum: 2667 });
    // 临江街道 is where it was, and its manager still has their own task
    expect(await ancestors('ljmgr', u.DH01)).toEqual(['滨江市', '东湖区', '临江街道']);
    const mine = await logins.as('ljmgr').get(`/api/tasks/mine?campaignId=${campaignId}`).expect(200);
    expect(mine.body.items.map((t: { id: number; target: string }) => [t.id, t.target])).toEqual([[tasks.DH01, '667.00']]);
  });

  it('refuses to deactivate a unit whose subtree holds live tasks, naming at most five and the total', async () => {
    const town = await logins.as('office').post(`/api/org-units/${u.DH01}/deactivate`);
    expect(town.status).toBe(409);
    expect(town.body.message).toBe(
      `临江街道及其下级单位承担着未结束活动的任务，不能停用：${TASK}（临江街道，目标 667）、${TASK}（临江一村，目标 667）。${ADVICE}停用。`,
    );
    // the city's subtree holds 9 live tasks: BJ, DH, XL, DH01, DH02, DH03, XL01, XL02, DH0101; by depth then code the first five
    const city = await logins.as('office').post(`/api/org-units/${u.BJ}/deactivate`);
    expect(city.status).toBe(409);
    expect(city.body.message).toBe(
      `滨江市及其下级单位承担着未结束活动的任务，不能停用：${TASK}（滨江市，目标 5334）、${TASK}（东湖区，目标 2667）、${TASK}（西岭区，目标 2667）、` +
        `${TASK}（临江街道，目标 667）、${TASK}（东湖街道，目标 1000）等共 9 项。${ADVICE}停用。`,
    );
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM org_unit WHERE NOT active`);
    expect(n).toBe(0);
  });

  it('moves 新城街道 (no live task) to 西岭区: descendants, users and every scoping copy of a path follow', async () => {
    const xc = `/${u.BJ}/${u.DH}/${u.DH04}/`;
    const xcv = `${xc}${u.DH0401}/`;
    const [person1] = await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group)
       VALUES ($1, $2, $3, '510105198001010011', '张新城', 'M', '1980-01-01', '灵活就业') RETURNING id`,
      [campaignId, u.DH04, xc],
    );
    await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group)
       VALUES ($1, $2, $3, '510105198202020022', '李新村', 'F', '1982-02-02', '灵活就业')`,
      [campaignId, u.DH0401, xcv],
    );
    await api.ds.query(
      `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name) VALUES ($1, $2, $3, '91510105MA0000001X', '新城商贸有限公司')`,
      [campaignId, u.DH0401, xcv],
    );
    await api.ds.query(
      `INSERT INTO registry_visit (campaign_id, person_id, org_unit_path, visited_at, method, outcome) VALUES ($1, $2, $3, now(), 'phone', 'will_enrol')`,
      [campaignId, person1.id, xc],
    );
    await api.ds.query(
      `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, file_path, file_format, status)
       VALUES ($1, 'person', $2, $3, '新城.xlsx', '/tmp/none', 'xlsx', 'done')`,
      [campaignId, u.DH04, xc],
    );
    await api.ds.query(
      `INSERT INTO reminder_round (campaign_id, name, org_unit_id, org_unit_path, target, channel, template_kind, planned_for)
       VALUES ($1, '新城村提醒', $2, $3, 'lapsed', 'sms', 'reminder.lapsed', '2026-04-01')`,
      [campaignId, u.DH0401, xcv],
    );
    const people = async (who: string) =>
      (await logins.as(who).get(`/api/registry-people?campaignId=${campaignId}`).expect(200)).body.items.map((p: { name: string }) => p.name).sort();
    expect([await people('dhmgr'), await people('xlmgr')]).toEqual([['张新城', '李新村'], []]);

    const res = await logins.as('office').post(`/api/org-units/${u.DH04}/move`).send({ parentId: u.XL });
    expect(res.status).toBe(200);
    const nxc = `/${u.BJ}/${u.XL}/${u.DH04}/`;
    const nxcv = `${nxc}${u.DH0401}/`;
    expect(res.body).toMatchObject({ parentId: u.XL, path: nxc, depth: 2 });
    const [village] = await api.ds.query(`SELECT path, depth FROM org_unit WHERE id = $1`, [u.DH0401]);
    expect(village).toEqual({ path: nxcv, depth: 3 });
    // every copy of the two old paths took the new ones: nothing left under the old paths
    const copies = await api.ds.query(
      `SELECT 'person' AS t, org_unit_path AS path FROM registry_person UNION ALL SELECT 'employer', org_unit_path FROM registry_employer
       UNION ALL SELECT 'visit', org_unit_path FROM registry_visit UNION ALL SELECT 'import', org_unit_path FROM registry_import_job
       UNION ALL SELECT 'round', org_unit_path FROM reminder_round ORDER BY 1, 2`,
    );
    expect(copies).toEqual([
      { t: 'employer', path: nxcv },
      { t: 'import', path: nxc },
      { t: 'person', path: nxc },
      { t: 'person', path: nxcv },
      { t: 'round', path: nxcv },
      { t: 'visit', path: nxc },
    ]);
    // scope follows: 新城街道's manager keeps its unit, entries and own (closed campaign's) task; 西岭区 sees them, 东湖区 no longer
    expect(await ancestors('xcmgr', u.DH0401)).toEqual(['滨江市', '西岭区', '新城街道', '新城村']);
    expect([await people('xcmgr'), await people('xlmgr'), await people('dhmgr')]).toEqual([['张新城', '李新村'], ['张新城', '李新村'], []]);
    const mine = await logins.as('xcmgr').get('/api/tasks/mine').expect(200);
    expect(mine.body.items.map((t: { campaignName: string; target: string }) => [t.campaignName, t.target])).toEqual([['2025年扩面征缴', '80.00']]);
    expect((await logins.as('dhmgr').get(`/api/org-units/${u.DH04}`)).status).toBe(403);
    // no split changed: 东湖区 2667, 西岭区 2667
    expect((await lines(tasks.DH)).sum).toBe(2667);
    expect((await lines(tasks.XL)).sum).toBe(2667);
    // and a unit without live tasks may be deactivated (one unit: the count was the driver's [rows, count] before)
    const off = await logins.as('office').post(`/api/org-units/${u.DH0401}/deactivate`);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ deactivated: 1 });
  });

  it('sees a task created while the move waits: the move takes the rollup lock before it checks', async () => {
    const qc = (await makeUnit(api.ds, 'XL03', 'town', 'XL', '晴川街道')).id;
    // an approval in flight gives 晴川街道 a share (the task insert takes the rollup lock); the move comes meanwhile
    const approval = api.ds.createQueryRunner();
    let t: { id: number };
    let move: Promise<{ status: number; body: { details: { liveTasks: unknown[] } } }>;
    try {
      await approval.connect();
      await approval.startTransaction();
      [t] = await approval.query(
        `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline) SELECT campaign_id, indicator_id, $2, id, 1, deadline FROM task WHERE id = $1 RETURNING id`,
        [tasks.XL, qc],
      );
      move = logins
        .as('office')
        .post(`/api/org-units/${qc}/move`)
        .send({ parentId: u.DH })
        .then((r) => r);
      await someoneWaitsForTheLock(api.ds);
      await approval.commitTransaction();
    } finally {
      await approval.release();
    }
    const res = await move;
    expect(res.status).toBe(409);
    expect(res.body.details.liveTasks).toEqual([
      { taskId: t.id, campaign: '2026年扩面征缴', indicator: '企业职工养老保险参保人数', unit: '晴川街道', target: '1' },
    ]);
    expect(await ancestors('office', qc)).toEqual(['滨江市', '西岭区', '晴川街道']);
  });
});
