import { ImportLoadHooks, ImportService } from '#registry';
import ExcelJS from 'exceljs';
import { INestApplicationContext } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCampaign, makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';
import { idNumber, uscc } from './registry-helpers';
import { ScriptedLoadHooks } from './scripted-load-hooks';

describe('registry import', () => {
  // imports filed before uploads moved into the database name a file on disk: runTogether files such ones
  const legacyDir = join(tmpdir(), `yingbao-uploads-e2e-${process.pid}`);
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext;
  const hooks = new ScriptedLoadHooks();
  let office: string;
  let campaignId: number;

  beforeAll(async () => {
    // failed imports keep their file a day here, so that the tests below can retry them (the default deletes it at once)
    env = await createTestEnv({ UPLOAD_RETAIN_FAILED_HOURS: '24' });
    api = await startApi(env);
    worker = await startWorker(env, [[ImportLoadHooks, hooks]]);
    await makeSmallCity(api.ds);
    campaignId = (await makeCampaign(api.ds)).campaignId;
    office = await api.login('office');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await env.drop();
  });

  async function upload(content: string | Buffer, name: string, kind = 'person', campaign = campaignId): Promise<string> {
    const res = await api
      .as(office)
      .post('/api/registry-imports')
      .field('campaignId', String(campaign))
      .field('kind', kind)
      .attach('file', Buffer.from(content), name);
    expect(res.status).toBe(202);
    return res.body.id;
  }
  async function finished(id: string) {
    return waitFor(async () => {
      const r = await api.as(office).get(`/api/registry-imports/${id}`);
      return ['done', 'failed'].includes(r.body.status) ? r.body : null;
    });
  }
  /** Terminates the load's connection (as if the process were killed) whose last statement was a COPY into `table`. */
  const killLoadAfterCopyInto = async (table: string) => {
    await api.ds.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY ' || $1 || ' %' AND pid <> pg_backend_pid()`,
      [table],
    );
  };
  const snapshot = () => api.ds.query(`SELECT id, id_number, name, phone, org_unit_id, updated_at, import_job_id FROM registry_person ORDER BY id`);

  const A = idNumber('19850315', 11); // man
  const B = idNumber('19900101', 22); // woman
  const C = '11010519491231002X'; // hand-worked X check digit
  const mixed = [
    'idNumber,name,phone,address,villageCode,group,currentScheme,insuranceStatus',
    `${A},张三,13800001111,一组,V1,platform_worker,,未参保`, // row 2 good
    `${B},李四,,二组,V2,被征地农民,城乡居民养老保险,参保中`, // row 3 good (Chinese group label)
    '', // row 4 empty: skipped, and the rows below keep the numbers a spreadsheet shows
    `110105194912310021,王五,13800001112,三组,V1,hardship,,`, // row 5 bad checksum
    `110105200002300015,赵六,13800001113,,V1,hardship,,`, // row 6 30 February
    `${C},钱七,12345,,V9,martian,,`, // row 7 bad phone, unknown village, unknown group
    `${idNumber('19800101', 33)},,,,V3,other,,`, // row 8 no name
    `${C},钱七,0831-1234567,,V1,lapsed_contributor,,`, // row 9 good
  ].join('\n');

  it('lands good rows and lists bad ones by row, column and reason', async () => {
    const id = await upload(mixed, 'people.csv');
    const job = await finished(id);
    expect(job).toMatchObject({ status: 'done', rowsRead: 7, rowsGood: 3, rowsBad: 4, inserted: 3, updated: 0 });
    // the upload went into the database, where the worker read it, and is gone with its import
    const [job1] = await api.ds.query(`SELECT file_path, upload_id, file_removed_at FROM registry_import_job WHERE id = $1`, [id]);
    expect(job1).toMatchObject({ file_path: null, upload_id: expect.any(String), file_removed_at: expect.any(Date) });
    expect(await api.ds.query(`SELECT id FROM upload_file WHERE id = $1`, [job1.upload_id])).toEqual([]);
    const errs = await api.as(office).get(`/api/registry-imports/${id}/errors`);
    expect(errs.body.items.map((e: { rowNumber: number; column: string }) => `${e.rowNumber}:${e.column}`)).toEqual([
      '5:idNumber',
      '6:idNumber',
      '7:phone',
      '7:villageCode',
      '7:group',
      '8:name',
    ]);
    expect(errs.body.items[1].reason).toBe('身份证号码中的出生日期不存在');
    const csv = await api.as(office).get(`/api/registry-imports/${id}/errors.csv`);
    expect(csv.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`名册导入${id}有误行.csv`)}`);
    expect(csv.status).toBe(200);
    // the row's values under the Chinese column names (template order), then the columns at fault and why
    expect(csv.text.split('\r\n')[0]).toBe(
      '\uFEFF行号,身份证号码,姓名,联系电话,住址,村社区代码,人员类别,当前参保险种,参保状态,所在单位统一社会信用代码,有误的列,原因',
    );
    expect(csv.text).toContain('5,"\t110105194912310021",王五,13800001112,三组,V1,hardship,,,,身份证号码,身份证号码校验码错误\r\n');
    expect(csv.text).toContain(`7,"\t${C}",钱七,12345,,V9,martian,,,,联系电话、村社区代码、人员类别,`);
    const people = await api.ds.query(
      `SELECT id_number, sex, birth_date::text, source_group, o.code FROM registry_person p JOIN org_unit o ON o.id = p.org_unit_id ORDER BY id_number`,
    );
    expect(people).toEqual(
      [
        { id_number: C, sex: 'F', birth_date: '1949-12-31', source_group: 'lapsed_contributor', code: 'V1' },
        { id_number: A, sex: 'M', birth_date: '1985-03-15', source_group: 'platform_worker', code: 'V1' },
        { id_number: B, sex: 'F', birth_date: '1990-01-01', source_group: 'land_expropriated_farmer', code: 'V2' },
      ].sort((x, y) => x.id_number.localeCompare(y.id_number)),
    );
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot();
    const job = await finished(await upload(mixed, 'people-again.csv'));
    expect(job).toMatchObject({ status: 'done', rowsGood: 3, inserted: 0, updated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('a re-import skips the rows its entries hold unchanged, yet puts back an entry edited since and lets the last row of a key win', async () => {
    const hashes = async () =>
      Object.fromEntries(
        (await api.ds.query(`SELECT id_number, row_hash IS NOT NULL AS hashed FROM registry_person`)).map((r: { id_number: string; hashed: boolean }) => [
          r.id_number,
          r.hashed,
        ]),
      );
    expect(await hashes()).toEqual({ [A]: true, [B]: true, [C]: true });
    // an edit outside the import clears the entry's hash, so the next import compares its values again
    await api.ds.query(`UPDATE registry_person SET name = '李四（改）' WHERE id_number = $1`, [B]);
    expect(await hashes()).toEqual({ [A]: true, [B]: false, [C]: true });
    const before = await snapshot();
    const job = await finished(await upload(mixed, 'people-after-edit.csv'));
    expect(job).toMatchObject({ status: 'done', rowsGood: 3, inserted: 0, updated: 1 });
    const [b] = await api.ds.query(`SELECT name, import_job_id::text AS job FROM registry_person WHERE id_number = $1`, [B]);
    expect(b).toEqual({ name: '李四', job: job.id });
    expect(await hashes()).toEqual({ [A]: true, [B]: true, [C]: true });
    const untouched = (rows: { id_number: string }[]) => rows.filter((r) => r.id_number !== B);
    expect(untouched(await snapshot())).toEqual(untouched(before));

    const header = 'idNumber,name,phone,address,villageCode,group,currentScheme,insuranceStatus';
    const a = `${A},张三,13800001111,一组,V1,platform_worker,,未参保`; // as A's entry holds it
    // A: an earlier row differs, the last equals the entry (skipped, yet it wins): nothing changes
    // C: the earlier row equals the entry, the last differs: the last is written
    const c = `${C},钱七,0831-1234567,,V1,lapsed_contributor,,`;
    const repeated = [header, `${A},张三（旧）,13800009999,一组,V1,platform_worker,,未参保`, c, a, `${C},钱七,0831-7654321,,V1,lapsed_contributor,,`].join(
      '\n',
    );
    const again = await finished(await upload(repeated, 'people-repeated.csv'));
    expect(again).toMatchObject({ status: 'done', rowsRead: 4, rowsGood: 4, inserted: 0, updated: 1 });
    const phones = await api.ds.query(`SELECT id_number, name, phone FROM registry_person WHERE id_number IN ($1, $2) ORDER BY id_number`, [A, C]);
    expect(phones).toEqual(
      [
        { id_number: A, name: '张三', phone: '13800001111' },
        { id_number: C, name: '钱七', phone: '0831-7654321' },
      ].sort((x, y) => x.id_number.localeCompare(y.id_number)),
    );
    // and back as the first file had C (the tests below start from it)
    expect(await finished(await upload(mixed, 'people-restored.csv'))).toMatchObject({ status: 'done', inserted: 0, updated: 1 });
  });

  it('merges a person who appears again, keeping the entry and its visits; the last row of a key in a file wins', async () => {
    const [p] = await api.ds.query(`SELECT id, campaign_id, org_unit_path FROM registry_person WHERE id_number = $1`, [A]);
    await api.ds.query(
      `INSERT INTO registry_visit (campaign_id, person_id, org_unit_path, visited_at, method, outcome) VALUES ($1, $2, $3, now(), 'phone', 'will_enrol')`,
      [p.campaign_id, p.id, p.org_unit_path],
    );
    await api.ds.query(`UPDATE registry_person SET status = 'will_enrol', visit_count = 1 WHERE id = $1`, [p.id]);
    const file = ['身份证号码,姓名,联系电话,村社区代码,人员类别', `${A},张三,13800002222,V1,平台从业人员`, `${A},张三丰,13800003333,V1,平台从业人员`].join(
      '\n',
    );
    const job = await finished(await upload(file, 'merge.csv'));
    expect(job).toMatchObject({ status: 'done', rowsRead: 2, rowsGood: 2, inserted: 0, updated: 1 });
    const [after] = await api.ds.query(`SELECT id, name, phone, status, visit_count FROM registry_person WHERE id_number = $1`, [A]);
    expect(after).toEqual({ id: p.id, name: '张三丰', phone: '13800003333', status: 'will_enrol', visit_count: 1 });
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM registry_visit WHERE person_id = $1`, [p.id]);
    expect(n).toBe(1);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_person`)).toEqual([{ n: 3 }]);
  });

  it('leaves nothing visible when a run dies after staging, and a re-run lands everything once', async () => {
    const rows = ['idNumber,name,villageCode,group'];
    for (let i = 1; i <= 500; i++) rows.push(`${idNumber('19700101', i, '510106')},人${i},V3,other`);
    rows.push('bad,坏,V3,other');
    // The load connection is terminated (as if the process were killed) after the COPY, before the upsert commits.
    hooks.onStaged = () => killLoadAfterCopyInto('registry_import_stage');
    const id = await upload(rows.join('\n'), 'killed.csv');
    const failed = await finished(id);
    hooks.onStaged = undefined;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/terminat|connection/); // the server's message, or the client's if it saw the socket close first
    expect(
      await api.ds.query(`SELECT count(*)::int AS n FROM registry_person WHERE org_unit_path LIKE (SELECT path FROM org_unit WHERE code = 'T2') || '%'`),
    ).toEqual([{ n: 0 }]);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_import_error WHERE import_job_id = $1`, [id])).toEqual([{ n: 0 }]);

    // A run that throws after staging leaves nothing either.
    hooks.onStaged = async () => {
      throw new Error('simulated crash after staging');
    };
    expect((await api.as(office).post(`/api/registry-imports/${id}/retry`)).status).toBe(202);
    expect(await finished(id)).toMatchObject({ status: 'failed', error: 'simulated crash after staging' });
    hooks.onStaged = undefined;
    expect(
      await api.ds.query(`SELECT count(*)::int AS n FROM registry_person WHERE org_unit_path LIKE (SELECT path FROM org_unit WHERE code = 'T2') || '%'`),
    ).toEqual([{ n: 0 }]);

    expect((await api.as(office).post(`/api/registry-imports/${id}/retry`)).status).toBe(202);
    expect(await finished(id)).toMatchObject({ status: 'done', rowsRead: 501, rowsGood: 500, rowsBad: 1, inserted: 500, attempts: 3 });
    expect(
      await api.ds.query(
        `SELECT count(*)::int AS n, count(DISTINCT id_number)::int AS d FROM registry_person WHERE org_unit_path LIKE (SELECT path FROM org_unit WHERE code = 'T2') || '%'`,
      ),
    ).toEqual([{ n: 500, d: 500 }]);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_import_error WHERE import_job_id = $1`, [id])).toEqual([{ n: 1 }]);
    const retry = await api.as(office).post(`/api/registry-imports/${id}/retry`);
    expect([retry.status, retry.body.error]).toEqual([409, 'IMPORT_DONE']);
  });

  it("loads a campaign's first file into a partition of its own: a killed run leaves no table, the last row of a repeated key wins", async () => {
    const second = (await makeCampaign(api.ds)).campaignId;
    const part = `registry_person_c${second}`;
    const rows = ['idNumber,name,phone,villageCode,group'];
    for (let i = 1; i <= 300; i++) rows.push(`${idNumber('19750101', i, '510106')},人${i},,V3,other`);
    rows.push(`${idNumber('19750101', 7, '510106')},人七改,13800007777,V3,other`); // row 302 repeats row 8
    rows.push(`${idNumber('19750101', 7, '510106')},人七再改,13800008888,V1,hardship`); // row 303 repeats it again: this one wins
    rows.push(`${idNumber('19750101', 9, '510106')},人九改,,V3,other`); // row 304 repeats row 10
    rows.push('bad,坏,,V3,other'); // row 305
    const file = rows.join('\n');
    // killed after the COPY into the new table, before it is indexed and attached
    hooks.onStaged = () => killLoadAfterCopyInto(part);
    const id = await upload(file, 'first.csv', 'person', second);
    const failed = await finished(id);
    hooks.onStaged = undefined;
    expect(failed.status).toBe('failed');
    expect(await api.ds.query(`SELECT to_regclass($1) AS t`, [part])).toEqual([{ t: null }]);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_person WHERE campaign_id = $1`, [second])).toEqual([{ n: 0 }]);

    expect((await api.as(office).post(`/api/registry-imports/${id}/retry`)).status).toBe(202);
    expect(await finished(id)).toMatchObject({ status: 'done', rowsRead: 304, rowsGood: 303, rowsBad: 1, inserted: 300, updated: 0 });
    const [attached] = await api.ds.query(`SELECT inhparent::regclass::text AS parent FROM pg_inherits WHERE inhrelid = $1::regclass`, [part]);
    expect(attached).toEqual({ parent: 'registry_person' });
    expect(await api.ds.query(`SELECT count(*)::int AS n, count(DISTINCT id_number)::int AS d FROM ${part}`)).toEqual([{ n: 300, d: 300 }]);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_person_default WHERE campaign_id = $1`, [second])).toEqual([{ n: 0 }]);
    const repeated = await api.ds.query(
      `SELECT p.name, p.phone, p.source_group, o.code, p.status, p.import_job_id::text AS job FROM registry_person p JOIN org_unit o ON o.id = p.org_unit_id
        WHERE p.campaign_id = $1 AND p.id_number = ANY($2) ORDER BY p.id_number`,
      [second, [idNumber('19750101', 7, '510106'), idNumber('19750101', 9, '510106')]],
    );
    expect(repeated).toEqual([
      { name: '人七再改', phone: '13800008888', source_group: 'hardship', code: 'V1', status: 'pending', job: id },
      { name: '人九改', phone: null, source_group: 'other', code: 'V3', status: 'pending', job: id },
    ]);
    const errs = await api.as(office).get(`/api/registry-imports/${id}/errors`);
    expect(errs.body.items.map((e: { rowNumber: number; column: string }) => `${e.rowNumber}:${e.column}`)).toEqual(['305:idNumber']);
    // the partition's indexes are the table's: the unique key refuses a second entry of a key
    const again = await api.ds
      .query(
        `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group) SELECT campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, source_group FROM ${part} LIMIT 1`,
      )
      .catch((e: { code: string }) => e.code);
    expect(again).toBe('23505');

    // the next file of this campaign goes the update-and-insert way, into the partition
    const next = await finished(await upload(file, 'first-again.csv', 'person', second));
    expect(next).toMatchObject({ status: 'done', rowsGood: 303, inserted: 0, updated: 0 });
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM ${part}`)).toEqual([{ n: 300 }]);
  });

  it('a first import waits for a long reader of the default partition without holding up the readers behind it', async () => {
    const third = (await makeCampaign(api.ds)).campaignId;
    const reader = api.ds.createQueryRunner();
    await reader.connect();
    await reader.startTransaction();
    await reader.query(`SELECT count(*) FROM registry_person_default`); // an export, say: its lock lasts until it ends
    const rows = ['idNumber,name,villageCode,group', `${idNumber('19660606', 1, '510107')},读者,V1,other`];
    const id = await upload(rows.join('\n'), 'while-reading.csv', 'person', third);
    try {
      await waitFor(async () => {
        const [{ n }] = await api.ds.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND (query LIKE 'ALTER TABLE registry_person ATTACH%' OR query = 'ROLLBACK TO SAVEPOINT attach')`,
        );
        return n > 0 || null;
      });
      // meanwhile other readers of the default partition are served (each within the 2 s they allow themselves)
      for (let i = 0; i < 5; i++) {
        const probe = await api.ds
          .transaction(async (m) => {
            await m.query(`SET LOCAL statement_timeout = '2s'`);
            return m.query(`SELECT count(*)::int AS n FROM registry_person WHERE id = -1`);
          })
          .catch((e: { message: string }) => e.message);
        expect(probe).toEqual([{ n: 0 }]);
      }
      expect((await api.as(office).get(`/api/registry-imports/${id}`)).body.status).toBe('running');
    } finally {
      await reader.commitTransaction(); // the reader ends either way, or a failure would leave the import waiting
      await reader.release();
    }
    expect(await finished(id)).toMatchObject({ status: 'done', inserted: 1 });
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_person_c${third}`)).toEqual([{ n: 1 }]);
  });

  it('imports employers from XLSX with Chinese headers and links people to them', async () => {
    const u1 = uscc('MA1234567');
    const u2 = uscc('000000042');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    ws.addRow(['统一社会信用代码', '单位名称', '法定代表人', '地址', '所在村镇代码', '行业', '职工人数', '参保人数', '未参保人数', '标记']);
    ws.addRow([u1, '云帆物流有限公司', '孙八', '工业园1号', 'T1', '物流', 80, 20, '', '疑似劳务派遣']);
    ws.addRow([u2, '小店', '周九', '', 'V2', '零售', 3, 3, 0, '']);
    ws.addRow([]); // an empty row 4: skipped, and the rows below keep their numbers
    ws.addRow(['91510105MA12345670', '坏单位', '', '', 'T1', '', 5, 9, '', '']);
    const path = join(tmpdir(), `employers-${process.pid}.xlsx`);
    await wb.xlsx.writeFile(path);
    const people = ['idNumber,name,villageCode,group,employerUscc', `${idNumber('19950505', 44)},员工甲,V1,platform_worker,${u1}`].join('\n');
    await finished(await upload(people, 'staff.csv'));
    const { readFileSync } = await import('node:fs');
    // a Chinese file name arrives as raw UTF-8 in Content-Disposition and is kept as such (multer would read latin1)
    const job = await finished(await upload(readFileSync(path), '扩面对象（单位）.xlsx', 'employer'));
    expect(job).toMatchObject({ status: 'done', rowsRead: 3, rowsGood: 2, rowsBad: 1, inserted: 2, fileName: '扩面对象（单位）.xlsx' });
    const errs = await api.as(office).get(`/api/registry-imports/${job.id}/errors`);
    expect(errs.body.items.map((e: { rowNumber: number; column: string }) => `${e.rowNumber}:${e.column}`)).toEqual(['5:uscc', '5:insuredCount']);
    const emps = await api.ds.query(`SELECT uscc, staff_count, insured_count, uninsured_count, flags FROM registry_employer ORDER BY uscc`);
    expect(emps).toEqual(
      [
        { uscc: u1, staff_count: 80, insured_count: 20, uninsured_count: 60, flags: ['suspected_dispatch'] },
        { uscc: u2, staff_count: 3, insured_count: 3, uninsured_count: 0, flags: [] },
      ].sort((x, y) => x.uscc.localeCompare(y.uscc)),
    );
    const [linked] = await api.ds.query(`SELECT e.uscc FROM registry_person p JOIN registry_employer e ON e.id = p.employer_id WHERE p.name = '员工甲'`);
    expect(linked).toEqual({ uscc: u1 });
    writeFileSync(path, '');
  });

  it('refuses to delete a unit, campaign, cadre or employer that entries still reference (the per-row foreign keys were replaced)', async () => {
    const [person] = await api.ds.query(`SELECT id FROM registry_person WHERE id_number = $1`, [A]);
    await api.ds.query(`UPDATE registry_person SET cadre_id = (SELECT id FROM app_user WHERE username = 'v1cadre') WHERE id = $1`, [person.id]);
    const refused = async (sql: string) => {
      const err = await api.ds.query(sql).then(
        () => null,
        (e: { code?: string; message: string }) => e,
      );
      return err && `${err.code} ${err.message}`;
    };
    expect(await refused(`DELETE FROM org_unit WHERE code = 'V1'`)).toMatch(/^23503 registry entries still reference org_unit \d+$/);
    expect(await refused(`DELETE FROM campaign WHERE id = ${campaignId}`)).toMatch(/^23503 registry entries still reference campaign \d+$/);
    expect(await refused(`DELETE FROM app_user WHERE username = 'v1cadre'`)).toMatch(/^23503 registry entries still reference app_user \d+$/);
    const [linked] = await api.ds.query(`SELECT employer_id FROM registry_person WHERE name = '员工甲'`);
    expect(await refused(`DELETE FROM registry_employer WHERE id = ${linked.employer_id}`)).toMatch(
      /^23503 registry_person.employer_id still references registry_employer \d+$/,
    );
    // entries are partitioned by campaign (migration 1764000700000): the keys pointing at them became triggers too
    const visit = `INSERT INTO registry_visit (campaign_id, person_id, org_unit_path, visited_at, method, outcome) SELECT campaign_id, $1, org_unit_path, now(), 'phone', 'unreachable' FROM registry_person WHERE id = ${person.id}`;
    expect(await refused(visit.replace('$1', '987654321'))).toBe('23503 registry person 987654321 does not exist (registry_visit.person_id)');
    expect(await refused(`INSERT INTO inspection_case (employer_id) VALUES (987654321)`)).toMatch(/^23503 registry employer 987654321 does not exist/);
    await api.ds.query(visit.replace('$1', String(person.id)));
    expect(await refused(`DELETE FROM registry_person WHERE id = ${person.id}`)).toBe(
      `23503 registry_visit.person_id still references registry_person ${person.id}`,
    );
    await api.ds.query(`DELETE FROM registry_visit WHERE person_id = $1`, [person.id]);
    // an employer nobody references can go
    expect(await refused(`DELETE FROM registry_employer WHERE id <> ${linked.employer_id}`)).toBeNull();
    await api.ds.query(`UPDATE registry_person SET cadre_id = NULL WHERE id = $1`, [person.id]);
  });

  it('fails an import cleanly when the list of bad rows cannot be written', async () => {
    hooks.spoolFolder = join(legacyDir, 'no-such-dir'); // the bad-rows file cannot open
    try {
      const rows = ['idNumber,name,villageCode,group'];
      // bad rows over several 32 KB reads: the open fails while the first is checked, and later writes meet a dead stream
      for (let i = 0; i < 5000; i++) rows.push(`bad${i},坏,V1,other`);
      const job = await finished(await upload(rows.join('\n'), 'no-tmp.csv'));
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/ENOENT/);
    } finally {
      hooks.spoolFolder = tmpdir();
    }
  });

  it('rejects a file without a required column, naming it', async () => {
    const job = await finished(await upload('name,villageCode\n张三,V1\n', 'nohead.csv'));
    expect(job.status).toBe('failed');
    expect(job.error).toContain('身份证号码(idNumber)');
  });
  /**
   * Runs imports side by side in this process (as two workers would). After its COPY each one pauses, for
   * at most 1.5 s: until the others have copied too, or (`firstWaits`) the first until the second is done.
   */
  async function runTogether(files: { campaign: number; kind: 'person' | 'employer'; content: string }[], firstWaits = false) {
    const imports = worker.get(ImportService);
    const ids: string[] = [];
    mkdirSync(legacyDir, { recursive: true });
    for (const [i, f] of files.entries()) {
      const path = join(legacyDir, `together-${Date.now()}-${i}.csv`);
      writeFileSync(path, f.content);
      const [row] = await api.ds.query(
        `INSERT INTO registry_import_job (campaign_id, kind, org_unit_id, org_unit_path, file_name, file_path, file_format)
         SELECT $1, $2, id, path, 'together.csv', $3, 'csv' FROM org_unit WHERE code = 'C1' RETURNING id::text`,
        [f.campaign, f.kind, path],
      );
      ids.push(row.id);
    }
    let copied = 0;
    const secondDone = async () => (await api.ds.query(`SELECT status FROM registry_import_job WHERE id = $1`, [ids[1]]))[0].status === 'done';
    hooks.onStaged = async (jobId) => {
      copied++;
      for (let i = 0; i < 75; i++) {
        if (firstWaits ? jobId !== ids[0] || (await secondDone()) : copied >= files.length) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const started = Date.now();
    try {
      await Promise.all(ids.map((id) => imports.run(id)));
    } finally {
      hooks.onStaged = undefined;
    }
    const jobs = await api.ds.query(`SELECT id::text, status, error, inserted FROM registry_import_job WHERE id = ANY($1) ORDER BY id`, [ids]);
    return { jobs, seconds: (Date.now() - started) / 1000 };
  }

  it('two first imports (two campaigns) run side by side: they take turns to attach their partitions', async () => {
    const [a, b] = [(await makeCampaign(api.ds)).campaignId, (await makeCampaign(api.ds)).campaignId];
    const file = (seq: number) => ['idNumber,name,villageCode,group', `${idNumber('19700707', seq, '510108')},并行${seq},V2,other`].join('\n');
    const { jobs, seconds } = await runTogether([
      { campaign: a, kind: 'person', content: file(1) },
      { campaign: b, kind: 'person', content: file(2) },
    ]);
    expect(jobs.map((j: { status: string; inserted: number }) => [j.status, j.inserted])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
    // both ATTACHes waiting for the other's read of the default partition would retry for minutes
    expect(seconds).toBeLessThan(10);
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM registry_person WHERE campaign_id IN ($1, $2)`, [a, b])).toEqual([{ n: 2 }]);
  });

  it('a people file and an employer file of one campaign imported side by side: every person is linked to the employer', async () => {
    const c = (await makeCampaign(api.ds)).campaignId;
    const u = uscc('TGTHER001', '510109');
    // the campaign has its employers' partition already: the employer file below is a later one
    const first = ['uscc,name,unitCode,staffCount,insuredCount', `${uscc('TGTHER000', '510109')},先到公司,T1,5,5`].join('\n');
    expect(await finished(await upload(first, 'employers-first.csv', 'employer', c))).toMatchObject({ status: 'done', inserted: 1 });
    // the people file holds its transaction open until the employer file is in: had it read the employers
    // before they were committed, and the employer file linked the people before they were, nobody links them
    const { jobs } = await runTogether(
      [
        {
          campaign: c,
          kind: 'person',
          content: ['idNumber,name,villageCode,group,employerUscc', `${idNumber('19800808', 3, '510109')},并行员工,V1,other,${u}`].join('\n'),
        },
        { campaign: c, kind: 'employer', content: ['uscc,name,unitCode,staffCount,insuredCount', `${u},并行公司,T1,10,2`].join('\n') },
      ],
      true,
    );
    expect(jobs.map((j: { status: string }) => j.status)).toEqual(['done', 'done']);
    const [p] = await api.ds.query(
      `SELECT p.employer_uscc, e.uscc AS linked FROM registry_person p LEFT JOIN registry_employer e ON e.id = p.employer_id WHERE p.campaign_id = $1`,
      [c],
    );
    expect(p).toEqual({ employer_uscc: u, linked: u });
  });
});
