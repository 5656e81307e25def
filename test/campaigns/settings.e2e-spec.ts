import { DEFAULT_CAMPAIGN_SETTINGS } from '#campaigns';
import { loginAs, Logins } from '../helpers/api-client';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { idNumber } from '../registry/registry-helpers';

/**
 * Issue 12 point 6: campaign.settings has one owner. One model in sections, written with its defaults
 * once, validated per section (400 naming the field), every setting a library reads settable, and what
 * GET answers accepted back by PUT unchanged.
 */
describe('campaign settings: one model, validated, round-trips', () => {
  let env: TestEnv;
  let api: TestApi;
  let logins: Logins;
  let campaignId: number;
  const url = () => `/api/campaigns/${campaignId}/settings`;
  const stored = async (id = campaignId) => (await api.ds.query(`SELECT settings FROM campaign WHERE id = $1`, [id]))[0].settings;

  const body = (extra: object = {}) => ({
    name: '2026年扩面征缴专项行动',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    indicators: [{ code: 'EP', name: '企业职工基本养老保险新增参保', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 100 }],
    ...extra,
  });

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    logins = await loginAs(api, ['office', 'v1mgr', 'd1mgr']);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('writes the defaults once, at creation, into the row: the row holds what GET answers', async () => {
    const res = await logins.as('office').post('/api/campaigns').send(body());
    expect(res.status).toBe(201);
    campaignId = res.body.id;
    expect(await stored()).toEqual(DEFAULT_CAMPAIGN_SETTINGS);
    const got = await logins.as('office').get(url()).expect(200);
    // every section, with the seed defaults: reminders 7/3/1 days; cutoffs 09-01..11-30 at 17:00 after 3 refusals;
    // tiers A 80 %, B 60 %, X 20, Y 30, Z 10 yuan; band 5 points; 15 / 3 / 30 days for cases; reminders at 09:00
    expect(got.body).toEqual({
      deadlines: { reminderOffsetsDays: [7, 3, 1], allowOverAllocation: false },
      escalation: { windows: [{ from: '09-01', to: '11-30' }], time: '17:00', refusalThreshold: 3, submissionNoticeOnWorkingDay: false },
      progress: {
        incentives: { a: 80, b: 60, x: 20, y: 30, z: 10 },
        bulletinCadences: ['biweekly'],
        milestoneMode: 'step',
        statusBandPct: 5,
        inspectionIndicatorIds: [],
        rosterIndicatorIds: [],
        reportCadence: 'monthly',
      },
      registry: { referenceDate: null },
      inspection: { rectificationDays: 15, rectificationReminderDays: 3, caseDueDays: 30, dayUnit: 'natural' },
      notices: { reminderTime: '09:00', quietFrom: '21:00', quietUntil: '08:00', quietForWebhooks: true },
    });
    expect(res.body.settings).toEqual(got.body);
  });

  it('accepts back unchanged what GET answers, for the whole model and for the progress view', async () => {
    const before = (await logins.as('office').get(url()).expect(200)).body;
    const put = await logins.as('office').put(url()).send(before);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(before);
    expect((await logins.as('office').get(url())).body).toEqual(before);
    const view = (await logins.as('office').get(`/api/campaigns/${campaignId}/progress-settings`).expect(200)).body;
    expect(view).toEqual(before.progress);
    const back = await logins.as('office').put(`/api/campaigns/${campaignId}/progress-settings`).send(view);
    expect(back.status).toBe(200);
    expect(back.body).toEqual(view);
  });

  it('sets the keys that could not be set before, keeping the fields left out', async () => {
    const res = await logins
      .as('office')
      .put(url())
      .send({ inspection: { rectificationDays: 10, caseDueDays: 20 }, registry: { referenceDate: '2026-03-02' }, progress: { incentives: { a: 90 } } });
    expect(res.status).toBe(200);
    // rectificationReminderDays keeps 3; incentives keep b, x, y, z
    expect(res.body.inspection).toEqual({ rectificationDays: 10, rectificationReminderDays: 3, caseDueDays: 20, dayUnit: 'natural' });
    expect(res.body.registry).toEqual({ referenceDate: '2026-03-02' });
    expect(res.body.progress.incentives).toEqual({ a: 90, b: 60, x: 20, y: 30, z: 10 });
    expect((await stored()).inspection.caseDueDays).toBe(20);
    expect(
      (
        await logins
          .as('office')
          .put(url())
          .send({ registry: { referenceDate: null } })
      ).body.registry,
    ).toEqual({ referenceDate: null });
  });

  it('refuses a malformed escalation window with a 400 naming the field, and stores nothing', async () => {
    const before = await stored();
    const res = await logins
      .as('office')
      .put(url())
      .send({ escalation: { windows: [{ from: '13-40', to: 'banana' }] } });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['escalation.windows[0].from', 'escalation.windows[0].to']);
    expect(res.body.fields[0].message).toBe('须为每年重复的月-日 MM-DD（如 09-01）或日期 YYYY-MM-DD，收到的是 "13-40"');
    expect(await stored()).toEqual(before);
    // ends of two forms, and dates out of order
    const mixed = await logins
      .as('office')
      .put(url())
      .send({ escalation: { windows: [{ from: '09-01', to: '2026-11-30' }] } });
    expect(mixed.body.fields).toEqual([{ field: 'escalation.windows[0].to', message: '须与 from 同为 MM-DD 或同为 YYYY-MM-DD' }]);
    const reversed = await logins
      .as('office')
      .put(url())
      .send({ escalation: { windows: [{ from: '2026-11-30', to: '2026-09-01' }] } });
    expect(reversed.body.fields).toEqual([{ field: 'escalation.windows[0].to', message: '不能早于 from（2026-11-30）' }]);
    // at creation the same rule names the field under settings
    const created = await logins
      .as('office')
      .post('/api/campaigns')
      .send(body({ settings: { escalation: { windows: [{ from: '13-40', to: '11-30' }] } } }));
    expect(created.status).toBe(400);
    expect(created.body.fields.map((f: { field: string }) => f.field)).toEqual(['settings.escalation.windows[0].from']);
  });

  it('names every other malformed field, in Chinese, and refuses the old string forms and unknown keys', async () => {
    const fieldsOf = async (send: object) => {
      const res = await logins.as('office').put(url()).send(send);
      expect(res.status).toBe(400);
      return res.body.fields.map((f: { field: string }) => f.field);
    };
    expect(await fieldsOf({ escalation: { time: '5pm', refusalThreshold: 0 } })).toEqual(['escalation.time', 'escalation.refusalThreshold']);
    expect(await fieldsOf({ inspection: { caseDueDays: 'thirty' } })).toEqual(['inspection.caseDueDays', 'inspection.caseDueDays', 'inspection.caseDueDays']);
    expect(await fieldsOf({ registry: { referenceDate: '2026-02-30' } })).toEqual(['registry.referenceDate']);
    expect(await fieldsOf({ notices: { reminderTime: '25:00' } })).toEqual(['notices.reminderTime']);
    // one name and one unit for the band: statusBandPct as a number of points
    expect(await fieldsOf({ progress: { statusBand: '0.05' } })).toEqual(['progress.statusBand']);
    expect(await fieldsOf({ progress: { statusBandPct: '5' } })).toContain('progress.statusBandPct');
    expect(await fieldsOf({ rectificationDays: 10 })).toEqual(['rectificationDays']);
    // null is not "keep": only registry.referenceDate may be null (ages at the campaign's start)
    expect(await fieldsOf({ progress: { incentives: null }, deadlines: { allowOverAllocation: null } })).toEqual([
      'deadlines.allowOverAllocation',
      'progress.incentives',
      'progress.incentives', // not null, and an object
    ]);
    expect(await fieldsOf({ escalation: null })).toEqual(['escalation', 'escalation']); // not null, and an object
    // an array where a section or the tiers belong: stored with 200 before, and the settlement then answered 500
    expect(await fieldsOf({ progress: { incentives: [] } })).toEqual(['progress.incentives']);
    expect(await fieldsOf({ escalation: [] })).toEqual(['escalation']);
    expect(await fieldsOf({ deadlines: { reminderOffsetsDays: [3, 3] } })).toEqual(['deadlines.reminderOffsetsDays']);
    // B above A (90 after the previous test): criticised above the reward threshold
    const res = await logins
      .as('office')
      .put(url())
      .send({ progress: { incentives: { b: 95 } } });
    expect(res.body.fields).toEqual([{ field: 'progress.incentives.b', message: '不能大于 a（90 %）：低于 B 批评、达到 A 奖励' }]);
    const view = await logins
      .as('office')
      .put(`/api/campaigns/${campaignId}/progress-settings`)
      .send({ incentives: { b: 95 } });
    expect(view.body.fields[0].field).toBe('incentives.b');
    const en = await logins
      .as('office')
      .put(url())
      .send({ deadlines: { allowOverAllocation: 'yes' } });
    expect(en.body.fields[0]).toEqual({ field: 'deadlines.allowOverAllocation', message: '须为 true 或 false (allowOverAllocation must be a boolean value)' });
  });

  it('lets only the office or leaders of the campaign change settings; units below may read them', async () => {
    expect((await logins.as('v1mgr').put(url()).send({})).status).toBe(403);
    expect((await logins.as('v1mgr').get(url())).status).toBe(200);
  });

  it('counts registry ages at the reference date set through the API', async () => {
    const [v1] = await api.ds.query(`SELECT id, path FROM org_unit WHERE code = 'V1'`);
    // born 1966-03-02: 59 on the campaign's start (2026-01-01), 60 on 2026-03-02
    await api.ds.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group)
       VALUES ($1, $2, $3, $4, '张三', 'M', '1966-03-02', 'other')`,
      [campaignId, v1.id, v1.path, idNumber('19660302', 11)],
    );
    const age = async () => (await logins.as('v1mgr').get('/api/registry-people').query({ campaignId }).expect(200)).body.items[0].age;
    expect(await age()).toBe(59);
    await logins
      .as('office')
      .put(url())
      .send({ registry: { referenceDate: '2026-03-02' } })
      .expect(200);
    expect(await age()).toBe(60);
  });

  it('plans reminders with the offsets and time of day the campaign sets', async () => {
    const res = await logins
      .as('office')
      .post('/api/campaigns')
      .send(body({ name: '提醒时间', settings: { deadlines: { reminderOffsetsDays: [2] }, notices: { reminderTime: '08:30' } } }));
    expect(res.status).toBe(201);
    await logins.as('office').post(`/api/campaigns/${res.body.id}/activate`).send({}).expect(200);
    const events: { key: string; due_at: Date }[] = await api.ds.query(
      `SELECT e.key, e.due_at FROM task_deadline_event e JOIN task t ON t.id = e.task_id WHERE t.campaign_id = $1 AND e.kind = 'reminder' ORDER BY e.due_at`,
      [res.body.id],
    );
    // deadline 2026-12-31 (the campaign's end), 2 days before: 29 Dec 08:30 China = 00:30 UTC
    expect(events.map((e) => [e.key, e.due_at.toISOString()])).toEqual([['reminder-deadline-2026-12-31-2-v1', '2026-12-29T00:30:00.000Z']]);

    // changed after activation: the live task's pending reminders follow (before, only tasks made later did)
    await logins
      .as('office')
      .put(`/api/campaigns/${res.body.id}/settings`)
      .send({ deadlines: { reminderOffsetsDays: [10, 2] }, notices: { reminderTime: '15:30' } })
      .expect(200);
    const live: { key: string; due_at: Date; cancelled: boolean }[] = await api.ds.query(
      `SELECT e.key, e.due_at, e.cancelled_at IS NOT NULL AS cancelled FROM task_deadline_event e JOIN task t ON t.id = e.task_id
        WHERE t.campaign_id = $1 AND e.kind = 'reminder' ORDER BY e.due_at`,
      [res.body.id],
    );
    // 10 days before 31 Dec: 21 Dec 15:30 China = 07:30 UTC; 2 days before moves to 29 Dec 15:30 = 07:30 UTC
    expect(live.map((e) => [e.key, e.due_at.toISOString(), e.cancelled])).toEqual([
      ['reminder-deadline-2026-12-31-10-v1', '2026-12-21T07:30:00.000Z', false],
      ['reminder-deadline-2026-12-31-2-v1', '2026-12-29T07:30:00.000Z', false],
    ]);
    // an offset dropped is cancelled, not sent
    await logins
      .as('office')
      .put(`/api/campaigns/${res.body.id}/settings`)
      .send({ deadlines: { reminderOffsetsDays: [10] } })
      .expect(200);
    const after: { key: string; cancelled: boolean }[] = await api.ds.query(
      `SELECT e.key, e.cancelled_at IS NOT NULL AS cancelled FROM task_deadline_event e JOIN task t ON t.id = e.task_id
        WHERE t.campaign_id = $1 AND e.kind = 'reminder' ORDER BY e.due_at`,
      [res.body.id],
    );
    expect(after).toEqual([
      { key: 'reminder-deadline-2026-12-31-10-v1', cancelled: false },
      { key: 'reminder-deadline-2026-12-31-2-v1', cancelled: true },
    ]);
  });

  it('reads a campaign stored with the flat keys of before (as the migration finds them) in sections', async () => {
    const id = (
      await makeCampaign(api.ds, {
        settings: {
          escalationWindow: { from: '10-01', to: '10-31' },
          escalationTime: '16:30',
          statusBand: '0.1',
          incentives: { a: 70, b: 50, x: 15, y: 25, z: 5 },
          caseDueDays: 21,
          referenceDate: '2026-06-30',
        },
      })
    ).campaignId;
    const got = (await logins.as('office').get(`/api/campaigns/${id}/settings`).expect(200)).body;
    expect(got.escalation).toEqual({ windows: [{ from: '10-01', to: '10-31' }], time: '16:30', refusalThreshold: 3, submissionNoticeOnWorkingDay: false });
    // '0.1' was a fraction: 10 points
    expect(got.progress).toMatchObject({ incentives: { a: 70, b: 50, x: 15, y: 25, z: 5 }, statusBandPct: 10 });
    expect(got.inspection.caseDueDays).toBe(21);
    expect(got.registry.referenceDate).toBe('2026-06-30');
    // and is stored in sections at its first write
    await logins.as('office').put(`/api/campaigns/${id}/settings`).send(got).expect(200);
    expect(await stored(id)).toEqual(got);
  });

  it('issue 20: the submission notice on the next working day and the rectification period in working days are settings, checked by name', async () => {
    const put = await logins
      .as('office')
      .put(url())
      .send({ escalation: { submissionNoticeOnWorkingDay: true }, inspection: { dayUnit: 'working' } })
      .expect(200);
    // rectificationDays keeps the 10 set above
    expect([put.body.escalation.submissionNoticeOnWorkingDay, put.body.inspection.dayUnit, put.body.inspection.rectificationDays]).toEqual([
      true,
      'working',
      10,
    ]);
    const bad = await logins
      .as('office')
      .put(url())
      .send({ inspection: { dayUnit: 'weekdays' }, escalation: { submissionNoticeOnWorkingDay: 'yes' } });
    expect([bad.status, bad.body.fields.map((f: { field: string }) => f.field).sort()]).toEqual([
      400,
      ['escalation.submissionNoticeOnWorkingDay', 'inspection.dayUnit'],
    ]);
  });
});
