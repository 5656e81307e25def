import { DEFAULT_CAMPAIGN_SETTINGS } from '#campaigns';
import { loginAs, Logins } from '../helpers/api-client';
import { makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * Web console part 1: a draft campaign is edited until it starts (PUT /api/campaigns/:id): each list given replaces the
 * draft's, indicators keep their ids by code, settings merge; an active campaign is a 409, a bad field a 400 naming it,
 * a campaign outside the caller's unit a 403; every edit is audited. The wizard reads its defaults from the API.
 */
describe('campaigns: editing a draft', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let office: number;
  let deputy: number;

  const ep = { code: 'EP', name: '企业职工基本养老保险新增参保', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 100 };
  const covIn = {
    code: 'COV',
    name: '基本医疗保险参保率',
    unit: 'percent',
    kind: 'ratio',
    insuranceType: 'medical',
    numeratorLabel: '参保人数',
    denominatorLabel: '户籍人口',
    target: 98.5,
  };
  const draft = (extra: object = {}) => ({
    name: '2027年扩面征缴专项行动',
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    officeName: '扩面办',
    phases: [{ name: '动员部署', startsOn: '2027-01-01', endsOn: '2027-03-31' }],
    milestones: [{ dueOn: '2027-06-30', percent: 50 }],
    indicators: [ep],
    ...extra,
  });
  const create = async (extra: object = {}, as = 'office'): Promise<number> => {
    const res = await logins.as(as).post('/api/campaigns').send(draft(extra));
    expect(res.status).toBe(201);
    return res.body.id;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 'd2office', 'D2', ['office']);
    await makeUser(api.ds, 'deputy', 'C1', ['leader'], { displayName: '李副市长' });
    logins = await loginAs(api, ['office', 'd2office', 'admin', 'v1mgr']);
    [{ id: office }] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'office'`);
    [{ id: deputy }] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'deputy'`);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('answers the defaults a new campaign starts with', async () => {
    const res = await logins.as('v1mgr').get('/api/campaigns/settings-defaults');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULT_CAMPAIGN_SETTINGS);
    expect(res.body.escalation).toEqual({ windows: [{ from: '09-01', to: '11-30' }], time: '17:00', refusalThreshold: 3, submissionNoticeOnWorkingDay: false });
  });

  it('rewrites a draft: name, period, lists replaced, the kept indicator keeps its id, settings merged; audited', async () => {
    const id = await create();
    const before = (await logins.as('office').get(`/api/campaigns/${id}`).expect(200)).body;
    const epId = before.indicators[0].id;
    const res = await logins
      .as('office')
      .put(`/api/campaigns/${id}`)
      .send({
        name: '2027年扩面征缴专项行动（修订）',
        startsOn: '2027-02-01',
        endsOn: '2027-11-30',
        officeName: '扩面征缴工作领导小组办公室',
        phases: [
          { name: '集中攻坚', startsOn: '2027-02-01', endsOn: '2027-08-31' },
          { name: '巩固提升', startsOn: '2027-09-01', endsOn: '2027-11-30' },
        ],
        milestones: [
          { dueOn: '2027-05-31', percent: 30 },
          { dueOn: '2027-09-30', percent: 80 },
        ],
        members: [
          { userId: deputy, body: 'leadership', role: 'deputy', title: '副市长' },
          { userId: office, body: 'office', role: 'director' },
        ],
        indicators: [{ ...ep, name: '企业养老新增参保', target: 120 }, covIn],
        settings: { escalation: { refusalThreshold: 4 }, progress: { inspectionIndicatorIds: [epId] } },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '2027年扩面征缴专项行动（修订）',
      startsOn: '2027-02-01',
      endsOn: '2027-11-30',
      status: 'draft',
      officeName: '扩面征缴工作领导小组办公室',
    });
    expect(res.body.phases.map((p: { name: string; ordinal: number }) => `${p.ordinal}${p.name}`)).toEqual(['1集中攻坚', '2巩固提升']);
    expect(res.body.milestones.map((m: { dueOn: string; percent: string }) => `${m.dueOn} ${m.percent}`)).toEqual(['2027-05-31 30.00', '2027-09-30 80.00']);
    expect(res.body.members.map((m: { body: string; role: string; displayName: string }) => `${m.body}:${m.role}:${m.displayName}`)).toEqual([
      'leadership:deputy:李副市长',
      'office:director:office',
    ]);
    const [epAfter, cov] = res.body.indicators;
    expect(epAfter).toMatchObject({ id: epId, code: 'EP', name: '企业养老新增参保', topTarget: '120.00' });
    expect(cov).toMatchObject({ code: 'COV', kind: 'ratio', topTarget: '98.50' });
    // the escalation threshold changed, the other escalation fields and sections kept their values
    expect(res.body.settings.escalation).toEqual({
      windows: [{ from: '09-01', to: '11-30' }],
      time: '17:00',
      refusalThreshold: 4,
      submissionNoticeOnWorkingDay: false,
    });
    expect(res.body.settings.progress.inspectionIndicatorIds).toEqual([epId]);
    expect(res.body.settings.deadlines).toEqual(DEFAULT_CAMPAIGN_SETTINGS.deadlines);

    const [audit] = await api.ds.query(`SELECT actor_username, changes FROM audit_log WHERE action = 'campaign.update' AND entity_id = $1`, [String(id)]);
    expect(audit.actor_username).toBe('office');
    expect(audit.changes.name).toEqual({ before: '2027年扩面征缴专项行动', after: '2027年扩面征缴专项行动（修订）' });
    expect(audit.changes.indicators).toEqual({
      before: ['EP 企业职工基本养老保险新增参保 count 100.00'],
      after: ['EP 企业养老新增参保 count 120.00', 'COV 基本医疗保险参保率 ratio 98.50'],
    });
    expect(Object.keys(audit.changes).sort()).toEqual([
      'endsOn',
      'indicators',
      'members',
      'milestones',
      'name',
      'officeName',
      'phases',
      'settings',
      'startsOn',
    ]);

    // a list left out is kept; an indicator left out of the list given is removed, and drops out of the credits
    const again = await logins
      .as('office')
      .put(`/api/campaigns/${id}`)
      .send({ name: '再改一次', startsOn: '2027-02-01', endsOn: '2027-11-30', indicators: [covIn] });
    expect(again.status).toBe(200);
    expect(again.body.phases).toHaveLength(2);
    expect(again.body.members).toHaveLength(2);
    expect(again.body.indicators.map((i: { id: number; code: string }) => [i.id, i.code])).toEqual([[cov.id, 'COV']]);
    expect(again.body.settings.progress.inspectionIndicatorIds).toEqual([]);
    expect(again.body.officeName).toBeNull();
  });

  it('refuses a campaign that has started: 409 in Chinese', async () => {
    const id = await create();
    expect((await logins.as('office').post(`/api/campaigns/${id}/activate`).send({})).status).toBe(200);
    const res = await logins
      .as('office')
      .put(`/api/campaigns/${id}`)
      .send(draft({ name: '改名' }));
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('CAMPAIGN_NOT_DRAFT');
    expect(res.body.message).toBe(
      `扩面任务 ${id} 当前为“进行中”：只有草稿状态的扩面任务可以修改（已启动的任务可在“设置”中调整）（campaign ${id} is active; only a draft campaign can be edited (change the settings of a running one)）`,
    );
    const [row] = await api.ds.query(`SELECT name FROM campaign WHERE id = $1`, [id]);
    expect(row.name).toBe('2027年扩面征缴专项行动');
  });

  it('names the bad field (400) and changes nothing', async () => {
    const id = await create();
    const late = await logins
      .as('office')
      .put(`/api/campaigns/${id}`)
      .send(draft({ phases: [{ name: '动员部署', startsOn: '2027-01-01', endsOn: '2026-12-31' }] }));
    expect(late.status).toBe(400);
    expect(late.body.fields).toEqual(
      expect.arrayContaining([{ field: 'phases[0].endsOn', message: '阶段的结束日期不能早于开始日期（must not be before startsOn）' }]),
    );
    const typo = await logins
      .as('office')
      .put(`/api/campaigns/${id}`)
      .send(draft({ indicators: [{ ...ep, kind: 'sum' }] }));
    expect(typo.status).toBe(400);
    expect(typo.body.fields.map((f: { field: string }) => f.field)).toContain('indicators[0].kind');
    const unit = await logins
      .as('office')
      .put(`/api/campaigns/${id}`)
      .send(draft({ orgUnitId: 1 }));
    expect(unit.status).toBe(400);
    expect(unit.body.fields.map((f: { field: string }) => f.field)).toContain('orgUnitId');
    const stranger = await logins
      .as('office')
      .put(`/api/campaigns/${id}`)
      .send(draft({ members: [{ userId: 999999, role: 'member' }] }));
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields).toEqual([{ field: 'members', message: '用户不存在（编号 999999）（unknown users 999999）' }]);
    const [row] = await api.ds.query(`SELECT name, (SELECT count(*)::int FROM campaign_phase WHERE campaign_id = $1) AS phases FROM campaign WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ name: '2027年扩面征缴专项行动', phases: 1 });
  });

  it('refuses an office outside the campaign unit (403), and a unit manager (403)', async () => {
    const inD1 = await create({ orgUnitId: await unitId(api.ds, 'D1') });
    const outside = await logins
      .as('d2office')
      .put(`/api/campaigns/${inD1}`)
      .send(draft({ name: '越权修改' }));
    expect(outside.status).toBe(403);
    expect(outside.body.message).toBe(`扩面任务 ${inD1} 不在您所在单位的范围内（campaign ${inD1} is outside your organisation unit）`);
    // the city's campaign is seen from D2 (its tasks come from there) but run by the city
    const city = await create();
    const below = await logins
      .as('d2office')
      .put(`/api/campaigns/${city}`)
      .send(draft({ name: '越权修改' }));
    expect(below.status).toBe(403);
    expect(
      (
        await logins
          .as('v1mgr')
          .put(`/api/campaigns/${city}`)
          .send(draft({ name: '越权修改' }))
      ).status,
    ).toBe(403);
    const [row] = await api.ds.query(`SELECT name FROM campaign WHERE id = $1`, [city]);
    expect(row.name).toBe('2027年扩面征缴专项行动');
    expect(
      (
        await logins
          .as('admin')
          .put(`/api/campaigns/${city}`)
          .send(draft({ name: '管理员修改' }))
      ).status,
    ).toBe(200);
  });
});
