import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { makeCampaign, makeSmallCity, makeUser, unitId } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { binary, firstSheetRows } from '../helpers/xlsx';
import { idNumber } from './registry-helpers';

/** GBK bytes of a text, from the GB18030 decoder's own two-byte table (Node has no GBK encoder): ASCII as it is. */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const c = dec.decode(new Uint8Array([a, b]));
      if (c.length === 1 && !table.has(c)) table.set(c, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table.get(ch)!);
  }
  return Buffer.from(out);
}

describe('registry imports for the clerk', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  const token: Record<string, string> = {};
  let campaignId: number;
  let T1: number;
  let V1: number;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    worker = await startWorker(env);
    await makeSmallCity(api.ds);
    await makeUser(api.ds, 't1office', 'T1', ['office'], { displayName: '王芳' });
    await makeUser(api.ds, 't2office', 'T2', ['office']);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    T1 = await unitId(api.ds, 'T1');
    V1 = await unitId(api.ds, 'V1');
    for (const u of ['office', 't1office', 't2office', 't1mgr', 'v1mgr', 'v1cadre']) token[u] = await api.login(u);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  const upload = (user: string, content: Buffer, name: string, kind = 'person') =>
    api.as(token[user]).post('/api/registry-imports').field('campaignId', String(campaignId)).field('kind', kind).attach('file', content, name);
  const finished = (id: string) =>
    waitFor(async () => {
      const r = await api.as(token.office).get(`/api/registry-imports/${id}`);
      return ['done', 'failed'].includes(r.body.status) ? r.body : null;
    });

  const A = idNumber('19850315', 11);
  const B = idNumber('19900101', 22);
  const C = idNumber('19700101', 33);
  const D = idNumber('19600101', 44);

  it('reads a GBK CSV with the departments’ headers and normalises +86 and full-width phones', async () => {
    // Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK; the headers are aliases, the first with a full-width space
    const file = gbk(
      [
        '\u3000公民身份号码,名字,手机号码,村社区代码,人员类别,住址',
        `${A},张三,+86 139 1234 5678,V1,被征地农民,一组`, // row 2
        `${B},李四,86-13912345679,V2,困难群体,二组`, // row 3
        `${C},王五,+86 12912345678,V1,困难群体,三组`, // row 4: 129 is no mobile prefix
        `${D},赵六,１３９１２３４５６７０,V1,其他,四组`, // row 5: full-width digits
      ].join('\r\n'),
    );
    const res = await upload('t1office', file, '东湖名册.csv');
    expect(res.status).toBe(202);
    const job = await finished(res.body.id);
    expect(job).toMatchObject({ status: 'done', rowsRead: 4, rowsGood: 3, rowsBad: 1, inserted: 3, createdByName: '王芳' });
    expect(await api.ds.query(`SELECT id_number, name, phone, address FROM registry_person ORDER BY name`)).toEqual(
      [
        { id_number: A, name: '张三', phone: '13912345678', address: '一组' },
        { id_number: B, name: '李四', phone: '13912345679', address: '二组' },
        { id_number: D, name: '赵六', phone: '13912345670', address: '四组' },
      ].sort((x, y) => x.name.localeCompare(y.name)),
    );

    // errors.csv: the row's values under the Chinese names, as the file had them, then the column and the reason
    const csv = await api.as(token.t1office).get(`/api/registry-imports/${res.body.id}/errors.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.text, { bom: true }) as string[][];
    expect(rows).toEqual([
      ['行号', '身份证号码', '姓名', '联系电话', '住址', '村社区代码', '人员类别', '当前参保险种', '参保状态', '所在单位统一社会信用代码', '有误的列', '原因'],
      [
        '4',
        `\t${C}`,
        '王五',
        '\t+86 12912345678',
        '三组',
        'V1',
        '困难群体',
        '',
        '',
        '',
        '联系电话',
        '联系电话格式错误（应为11位手机号，可带+86；或区号-号码，如 0831-1234567）',
      ],
    ]);
  });

  it('imports the fixed errors.csv as it is (its headers are the template’s, its values trimmed)', async () => {
    const csv = await api.as(token.t1office).get(`/api/registry-imports/${(await lastImport()).id}/errors.csv`);
    const fixed = csv.text.replace('+86 12912345678', '+86 13912345671');
    const job = await finished((await upload('t1office', Buffer.from(fixed), '改正后.csv')).body.id);
    expect(job).toMatchObject({ status: 'done', rowsRead: 1, rowsGood: 1, inserted: 1 });
    expect(await api.ds.query(`SELECT phone FROM registry_person WHERE id_number = $1`, [C])).toEqual([{ phone: '13912345671' }]);
  });

  async function lastImport(user = 't1office') {
    return (await api.as(token[user]).get('/api/registry-imports').query({ mine: true })).body.items[0];
  }

  it('refuses a CSV in an encoding it cannot read, saying how to save it, and queues nothing', async () => {
    const before = (await api.as(token.office).get('/api/registry-imports')).body.total;
    const res = await upload('t1office', Buffer.from([0x41, 0x2c, 0xff, 0xff, 0x0a]), 'bad.csv');
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'file',
        message:
          '无法识别文件的字符编码（既不是 UTF-8，也不是 GBK/GB18030）。请在 Excel 中点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”或“Excel 工作簿 (*.xlsx)”，再重新上传',
      },
    ]);
    expect((await api.as(token.office).get('/api/registry-imports')).body.total).toBe(before);
  });

  it('lists my imports or my unit’s, with who uploaded them', async () => {
    const mgr = await upload('t1mgr', Buffer.from(`身份证号,姓名,电话,村社区代码,人员类别\n${A},张三,13912345678,V1,其他\n`), 'mgr.csv');
    await finished(mgr.body.id);
    const list = async (user: string, query: object = {}) =>
      (await api.as(token[user]).get('/api/registry-imports').query(query)).body.items.map((i: { fileName: string }) => i.fileName);
    // newest first; t1office's unit (T1) holds t1mgr's import too
    expect(await list('t1office')).toEqual(['mgr.csv', '改正后.csv', '东湖名册.csv']);
    expect(await list('t1office', { mine: true })).toEqual(['改正后.csv', '东湖名册.csv']);
    expect(await list('t1office', { mine: true, sort: 'fileName', order: 'asc' })).toEqual(['东湖名册.csv', '改正后.csv'].sort());
    expect(await list('t1mgr', { mine: 'true' })).toEqual(['mgr.csv']);
    expect(await list('office', { kind: 'employer' })).toEqual([]);
    // the imports are filed under T1: neither a village below it nor another town sees them
    expect(await list('v1mgr')).toEqual([]);
    expect(await list('t2office')).toEqual([]);
    const page = (await api.as(token.office).get('/api/registry-imports').query({ pageSize: 2 })).body;
    expect([page.total, page.items.length, page.items[0].createdByName]).toEqual([3, 2, 't1mgr']);
    expect((await api.as(token.office).get('/api/registry-imports').query({ mine: 'yes' })).status).toBe(400);
  });

  it('gives a template with the Chinese headers, an example row and the notes, which imports once its unit code is ours', async () => {
    const res = await api.as(token.t1office).get('/api/registry-imports/template.xlsx').query({ kind: 'person' }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('人员名册导入模板.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人员名册', '填写说明']);
    const rows = await firstSheetRows(res.body);
    expect(rows[0]).toEqual(['身份证号码', '姓名', '联系电话', '住址', '村社区代码', '人员类别', '当前参保险种', '参保状态', '所在单位统一社会信用代码']);
    expect(rows[1]).toEqual(['11010519491231002X', '张三', '13912345678', '一组12号', '510105001001', '被征地农民', '', '未参保', '']);
    expect(wb.worksheets[0].getColumn(1).numFmt).toBe('@');
    const notes: unknown[][] = [];
    wb.worksheets[1].eachRow((r) => notes.push((r.values as unknown[]).slice(1)));
    expect(notes[1]).toEqual(['列名', '是否必填', '填写格式', '也可用的列名']);
    expect(notes.slice(2).map((n) => [n[0], n[1]])).toEqual([
      ['身份证号码', '必填'],
      ['姓名', '必填'],
      ['联系电话', '选填'],
      ['住址', '选填'],
      ['村社区代码', '必填'],
      ['人员类别', '必填'],
      ['当前参保险种', '选填'],
      ['参保状态', '选填'],
      ['所在单位统一社会信用代码', '选填'],
    ]);
    expect(String(notes[4][2])).toContain('可带+86');
    expect(String(notes[2][3])).toContain('公民身份号码');

    wb.worksheets[0].getCell('E2').value = 'V2';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await finished((await upload('t1office', filled, '模板.xlsx')).body.id);
    expect(job).toMatchObject({ status: 'done', rowsRead: 1, rowsGood: 1, inserted: 1 });
    expect((await api.as(token.t1office).get('/api/registry-imports/template.xlsx').query({ kind: 'cat' })).status).toBe(400);
  });

  it("exports the town's police-check list with full ID numbers for the town's own office only, auditing each person", async () => {
    const [p] = await api.ds.query(`SELECT id FROM registry_person WHERE id_number = $1`, [A]);
    const visit = await api
      .as(token.v1mgr)
      .post('/api/registry-visits')
      .send({
        kind: 'person',
        entryId: p.id,
        visitedAt: new Date(env.clock.now().getTime() - 60_000).toISOString(),
        method: 'door_to_door',
        outcome: 'unreachable',
      });
    expect(visit.status).toBe(201);
    const exportAs = (user: string, unit: number) =>
      api.as(token[user]).get('/api/registry-police-checks/export.xlsx').query({ unitId: unit, campaignId }).buffer(true).parse(binary);
    const audits = () =>
      api.ds.query(`SELECT actor_username, entity, entity_id, org_unit_path FROM audit_log WHERE action = 'registry.person.read' ORDER BY id`);
    const before = await audits();

    // a village's cadre, another town's office, the city's office: refused, and nothing audited
    expect((await exportAs('v1cadre', T1)).status).toBe(403);
    expect((await exportAs('t2office', T1)).status).toBe(403);
    expect((await exportAs('office', T1)).status).toBe(403);
    expect((await exportAs('t1office', V1)).status).toBe(400);
    expect((await exportAs('t1office', 999999)).status).toBe(404);
    const noCampaign = await api.as(token.t1office).get('/api/registry-police-checks/export.xlsx').query({ unitId: T1, campaignId: 999999 });
    expect([noCampaign.status, noCampaign.body.error]).toEqual([404, 'NOT_FOUND']);
    expect(await audits()).toEqual(before);

    const res = await exportAs('t1office', T1);
    expect(res.status).toBe(200);
    const rows = await firstSheetRows(res.body);
    expect(String(rows[0][0])).toMatch(/^单位T1无法联系人员户籍核查名单（\d{4}-\d{2}-\d{2}）$/);
    expect(rows[1]).toEqual(['序号', '村（社区）', '姓名', '身份证号码', '性别', '联系电话', '住址', '人员类别', '最近走访日期', '核查结果', '备注']);
    // (t1mgr's mgr.csv above left A without an address)
    expect(rows.slice(2)).toEqual([[1, '单位V1', '张三', A, '男', '13912345678', '', '其他', '2026-03-02', '', '']]);
    const [path] = await api.ds.query(`SELECT org_unit_path FROM registry_person WHERE id = $1`, [p.id]);
    expect((await audits()).slice(before.length)).toEqual([
      { actor_username: 't1office', entity: 'registry_person', entity_id: String(p.id), org_unit_path: path.org_unit_path },
    ]);
  });
});
