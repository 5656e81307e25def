import ExcelJS from 'exceljs';
import { makeCampaign, makeTasks, makeUnit, makeUser, QUARTERLY_2026, TaskSpec } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

// Seed 002 annex 3: 2015年7月份企业养老保险缴费人数完成进度统计表 (7月末缴费人数, 计划指标), one row per district.
const ANNEX3: [string, number, number][] = [
  ['和平', 311124, 327458],
  ['河东', 143980, 157358],
  ['河西', 216743, 231223],
  ['南开', 172919, 183432],
  ['河北', 163603, 177337],
  ['红桥', 65937, 73313],
  ['塘沽', 200288, 201836],
  ['汉沽', 31629, 36832],
  ['大港', 133821, 143067],
  ['东丽', 131518, 139000],
  ['西青', 137427, 150714],
  ['津南', 93599, 100060],
  ['北辰', 127061, 134893],
  ['开发', 284793, 305986],
  ['保税', 133781, 141520],
  ['高新', 88986, 89563],
  ['宁河', 28528, 30819],
  ['武清', 129703, 129499],
  ['静海', 58664, 58439],
  ['宝坻', 42273, 45628],
  ['蓟县', 30957, 33460],
];

// GB18030 bytes of the words the CSV below uses (what Excel on Chinese Windows saves), so the test needs no encoder
const GB: Record<string, string> = {
  单位: 'b5a5cebb',
  实际完成: 'cab5bccacdeab3c9',
  原因: 'd4add2f2',
  和平: 'bacdc6bd',
  漏报100人: 'c2a9b1a8313030c8cb',
  河东: 'bad3b6ab',
};
const gb18030 = (text: string): Buffer =>
  Buffer.concat(text.split(/([\u0080-\uffff]+(?:100人)?)/).map((part) => (GB[part] ? Buffer.from(GB[part], 'hex') : Buffer.from(part, 'ascii'))));

/** POST /api/progress-reports/batch and /upload with the seed's 21 districts: all rows or none, each bad row named. */
describe('progress: batch and uploaded progress tables (seed 002 annex 3)', () => {
  let env: TestEnv;
  let api: TestApi;
  let tokens: Record<string, string>;
  let tasks: Record<string, number>;
  let campaignId: number;
  let indicatorId: number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeUnit(api.ds, 'TJ', 'city', undefined, '天津市');
    for (const [i, [name]] of ANNEX3.entries()) await makeUnit(api.ds, `D${i + 1}`, 'district', 'TJ', `${name}${name === '蓟县' ? '' : '区'}`);
    // a village of 河西区 also reads 和平 without its suffix: it holds no task, so 和平 is 和平区
    await makeUnit(api.ds, 'HXV', 'village', 'D3', '和平村');
    await makeUser(api.ds, 'tjoffice', 'TJ', ['office']);
    await makeUser(api.ds, 'hpmgr', 'D1', ['unit_manager']);
    tokens = { tjoffice: await api.login('tjoffice'), hpmgr: await api.login('hpmgr') };
    const c = await makeCampaign(api.ds, {
      owner: 'TJ',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      milestones: QUARTERLY_2026,
      indicators: [{ code: 'EP-PAY', name: '企业养老保险缴费人数', kind: 'count' }],
    });
    campaignId = c.campaignId;
    indicatorId = c.indicatorIds['EP-PAY'];
    const spec: TaskSpec = { unit: 'TJ', target: 2891437, children: ANNEX3.map(([, , plan], i) => ({ unit: `D${i + 1}`, target: plan })) };
    tasks = await makeTasks(api.ds, campaignId, indicatorId, spec);
    env.clock.set('2026-09-10T02:00:00Z');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const as = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
  const stored = async (): Promise<number> => (await api.ds.query(`SELECT count(*)::int AS n FROM progress_report`))[0].n;
  const upload = (u: string, file: Buffer, name: string, fields: Record<string, string | number | boolean>) => {
    const req = api.http().post('/api/progress-reports/upload').set(as(u)).attach('file', file, name);
    for (const [k, v] of Object.entries(fields)) req.field(k, String(v));
    return req;
  };
  const total = async (date: string) => {
    const dash = await api
      .http()
      .get(`/api/dashboards?campaignId=${campaignId}&unitId=${await tjId()}&date=${date}`)
      .set(as('tjoffice'))
      .expect(200);
    return dash.body.indicators[0];
  };
  const tjId = async (): Promise<number> => (await api.ds.query(`SELECT id FROM org_unit WHERE code = 'TJ'`))[0].id;

  /** The annex as a workbook: the title, the 单位 line, a header with a blank unit column, the 合计 row, 21 districts. */
  async function annexWorkbook(rows: [string, number | string, number][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件3');
    ws.addRow(['2015年7月份企业养老保险缴费人数完成进度统计表']);
    ws.addRow(['', '', '', '单位：人、%']);
    ws.addRow(['', '7月末缴费人数', '计划指标', '完成进度']);
    ws.addRow(['合计', 2727334, 2891437, 0.943]);
    for (const [name, actual, plan] of rows) ws.addRow([name, actual, plan, typeof actual === 'number' ? actual / plan : null]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('refuses a 21-row batch with one bad row, naming it, and stores nothing', async () => {
    const rows = ANNEX3.map(([, actual], i) => ({ taskId: tasks[`D${i + 1}`], actual: String(actual - 1000) }));
    rows[7] = { taskId: tasks.D8, actual: '-5' }; // 汉沽: negative
    const res = await api.http().post('/api/progress-reports/batch').set(as('tjoffice')).send({ asOf: '2026-06-30', rows });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'rows[7].actual', row: 8, message: '第 8 行（汉沽区）：不能为负数 (must not be negative)' }]);
    expect(await stored()).toBe(0);
    // a district manager's batch naming another district: that row is bad, his own is not stored either
    const mine = await api
      .http()
      .post('/api/progress-reports/batch')
      .set(as('hpmgr'))
      .send({
        asOf: '2026-06-30',
        rows: [
          { taskId: tasks.D1, actual: '300000' },
          { taskId: tasks.D2, actual: '140000' },
        ],
      });
    expect(mine.status).toBe(400);
    expect(mine.body.fields.map((f: { field: string; row: number }) => [f.field, f.row])).toEqual([['rows[1].taskId', 2]]);
    expect(mine.body.fields[0].message).toMatch(/^第 2 行（河东区）：任务 \d+ 的承担单位不在您所在单位的范围内/);
    expect(await stored()).toBe(0);
  });

  it('stores a 21-row batch at once; the city adds the 21 districts up', async () => {
    const rows = ANNEX3.map(([, actual], i) => ({ taskId: tasks[`D${i + 1}`], actual: String(actual - 1000) }));
    const res = await api.http().post('/api/progress-reports/batch').set(as('tjoffice')).send({ asOf: '2026-06-30', rows });
    expect(res.status).toBe(201);
    expect(res.body.reports).toHaveLength(21);
    expect(await stored()).toBe(21);
    // 2 727 334 - 21 x 1000 = 2 706 334 of 2 891 437 = 0.93598... -> 93.6 %
    expect((await total('2026-06-30')).total).toMatchObject({ actual: '2706334', target: '2891437.00', ratePct: '93.6' });
  });

  it('previews the annex as an XLSX (the 合计 row skipped, 和平 read as 和平区), then stores its 21 rows', async () => {
    const file = await annexWorkbook(ANNEX3);
    const fields = { campaignId, indicatorId, asOf: '2026-07-31' };
    const preview = await upload('tjoffice', file, '附件3 进度表.xlsx', { ...fields, dryRun: true }).expect(200);
    expect(preview.body).toMatchObject({ asOf: '2026-07-31', dryRun: true, stored: false, reports: [] });
    expect(preview.body.skipped).toEqual([
      { row: 4, unit: '合计', reason: '合计行不导入：上级的完成数由各行汇总（a total row: the parent figure is the sum of the rows）' },
    ]);
    expect(preview.body.rows).toHaveLength(21);
    expect(preview.body.rows[0]).toEqual({
      row: 5,
      unitName: '和平',
      unitId: expect.any(Number),
      unitCode: 'D1',
      indicatorId,
      indicatorName: '企业养老保险缴费人数',
      taskId: tasks.D1,
      actual: '311124',
      denominator: null,
      rate: null,
      plan: '327458',
      reason: null,
      problems: [],
    });
    expect(preview.body.rows.flatMap((r: { problems: unknown[] }) => r.problems)).toEqual([]);
    expect(await stored()).toBe(21);

    const res = await upload('tjoffice', file, '附件3 进度表.xlsx', fields).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, stored: true });
    expect(res.body.reports).toHaveLength(21);
    expect(await stored()).toBe(42);
    const dash = await total('2026-07-31');
    // the seed's own total: 2 727 334 of 2 891 437 = 0.943245... -> 94.3 %
    expect(dash.total).toMatchObject({ actual: '2727334', ratePct: '94.3' });
    // 和平 311 124 of 327 458 = 0.950118... -> 95.0 %, as the seed prints it
    expect(dash.rows.find((r: { code: string }) => r.code === 'D1')).toMatchObject({ actual: '311124', ratePct: '95.0' });
  });

  it('names a bad unit name in an XLSX and stores none of its rows', async () => {
    const rows = ANNEX3.map(([n, a, p]): [string, number | string, number] => [n, a + 500, p]);
    rows[3] = ['南开新区', 173419, 183432];
    rows[5] = ['红桥', 'sixty', 73313];
    const file = await annexWorkbook(rows);
    const fields = { campaignId, indicatorId, asOf: '2026-08-31' };
    const preview = await upload('tjoffice', file, 'august.xlsx', { ...fields, dryRun: true }).expect(200);
    const bad = preview.body.rows.filter((r: { problems: unknown[] }) => r.problems.length);
    expect(bad.map((r: { row: number; unitName: string; actual: string | null; problems: unknown[] }) => [r.row, r.unitName, r.actual, r.problems])).toEqual([
      [
        8,
        '南开新区',
        '173419',
        [
          {
            field: 'rows[3].unit',
            row: 8,
            message: '第 8 行（南开新区）「单位」：在您的管辖范围内找不到名为「南开新区」的单位（no unit named 南开新区 in your scope）',
          },
        ],
      ],
      [10, '红桥', null, [{ field: 'rows[5].actual', row: 10, message: '第 10 行（红桥）「7月末缴费人数」：「sixty」不是数字（not a number）' }]],
    ]);
    const res = await upload('tjoffice', file, 'august.xlsx', fields);
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['rows[3].unit', 'rows[5].actual']);
    expect(res.body.message).toMatch(/^2 行未通过校验，本次上报均未保存：第 8 行（南开新区）/);
    expect(await stored()).toBe(42);
  });

  it('reads a CSV with 单位, 计划指标, 完成数 (UTF-8 or GB18030); a district manager sees only his district', async () => {
    const csv = '单位,计划指标,完成数\n和平,327458,"312,000"\n河东,157358,144500\n';
    const res = await upload('tjoffice', Buffer.from(`\uFEFF${csv}`), 'sept.csv', { campaignId, indicatorId, asOf: '2026-09-10' }).expect(200);
    expect(res.body.rows.map((r: { unitCode: string; actual: string }) => [r.unitCode, r.actual])).toEqual([
      ['D1', '312000'],
      ['D2', '144500'],
    ]);
    expect(res.body.reports.map((r: { taskId: number; actual: string }) => [r.taskId, r.actual])).toEqual([
      [tasks.D1, '312000'],
      [tasks.D2, '144500'],
    ]);
    expect(await stored()).toBe(44);
    // Excel on Chinese Windows saves GB18030; 河东 is outside 和平区's manager's unit: a bad row, nothing stored
    const gbk = gb18030('单位,实际完成,原因\n和平,312100,漏报100人\n河东,144600,\n');
    const refused = await upload('hpmgr', gbk, 'sept.csv', { campaignId, indicatorId, asOf: '2026-09-10' });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([
      { field: 'rows[1].unit', row: 3, message: '第 3 行（河东）「单位」：在您的管辖范围内找不到名为「河东」的单位（no unit named 河东 in your scope）' },
    ]);
    expect(await stored()).toBe(44);
    // without 河东 it goes through; a second report for the date is a correction: the reason column carries it
    const fixed = gb18030('单位,实际完成,原因\n和平,312100,漏报100人\n');
    const ok = await upload('hpmgr', fixed, 'sept.csv', { campaignId, indicatorId, asOf: '2026-09-10' }).expect(200);
    expect(ok.body.reports[0]).toMatchObject({ taskId: tasks.D1, actual: '312100', reason: '漏报100人' });
    expect(ok.body.reports[0].correctsId).not.toBeNull();
  });

  it('refuses a file without the columns it needs or without an indicator, in Chinese', async () => {
    const noFigure = await upload('tjoffice', Buffer.from('单位,计划指标\n和平,1\n'), 'x.csv', { campaignId, indicatorId, asOf: '2026-09-10' });
    expect(noFigure.status).toBe(400);
    expect(noFigure.body.fields[0].field).toBe('file');
    expect(noFigure.body.fields[0].message).toMatch(/^找不到表头/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('宽表').addRow(['单位', '完成数', ...Array.from({ length: 10 }, (_, i) => `备用${i + 1}`)]);
    const wide = await upload('tjoffice', Buffer.from(await wb.xlsx.writeBuffer()), 'wide.xlsx', { campaignId, indicatorId, asOf: '2026-09-10' });
    expect(wide.status).toBe(400);
    expect(wide.body.fields).toEqual([{ field: 'file', message: '进度表最多 10 列：请删去多余的列，只留 单位、完成数 等（too many columns）' }]);
    const noIndicator = await upload('tjoffice', Buffer.from('单位,完成数\n和平,1\n'), 'x.csv', { campaignId, asOf: '2026-09-10' });
    expect(noIndicator.status).toBe(400);
    expect(noIndicator.body.fields[0].field).toBe('indicatorId');
    const byColumn = await upload('tjoffice', Buffer.from('单位,指标,完成数\n河西,企业养老保险缴费人数,217000\n南开,新农保,1\n'), 'x.csv', {
      campaignId,
      asOf: '2026-09-10',
      dryRun: true,
    }).expect(200);
    expect(
      byColumn.body.rows.map((r: { indicatorId: number | null; problems: { field: string }[] }) => [r.indicatorId, r.problems.map((p) => p.field)]),
    ).toEqual([
      [indicatorId, []],
      [null, ['rows[1].indicator']],
    ]);
  });

  it('refuses a CSV in an encoding it cannot read, saying so, as a registry import does', async () => {
    const fields = { campaignId, indicatorId, asOf: '2026-09-10', dryRun: true };
    // Excel's "Unicode 文本" is UTF-16: it read as no header at all
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('单位,完成数\n和平,1\n', 'utf16le')]);
    const res = await upload('tjoffice', utf16, 'x.csv', fields);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'file', message: expect.stringMatching(/^无法识别文件的字符编码（文件是 UTF-16 “Unicode 文本”，不是 CSV）/) }]);
    // bytes neither UTF-8 nor GB18030 (0xFF is no byte of either): were read with U+FFFD in the unit names
    const broken = await upload('tjoffice', Buffer.concat([Buffer.from('单位,完成数\n'), Buffer.from([0xff, 0x2c, 0x31, 0x0a])]), 'x.csv', fields);
    expect(broken.status).toBe(400);
    expect(broken.body.fields[0].message).toMatch(/^无法识别文件的字符编码（既不是 UTF-8，也不是 GBK\/GB18030）/);
  });

  it('answers a repeated upload under the same Idempotency-Key with the first answer and stores once', async () => {
    const before = await stored();
    const send = () =>
      upload('tjoffice', Buffer.from('单位,完成数\n河北,164000\n'), 'x.csv', { campaignId, indicatorId, asOf: '2026-09-10' }).set(
        'Idempotency-Key',
        'upload-0910-hebei',
      );
    const first = await send().expect(200);
    const second = await send().expect(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await stored()).toBe(before + 1);
  });
});
