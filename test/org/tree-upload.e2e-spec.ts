import ExcelJS from 'exceljs';
import { createDeflateRaw } from 'node:zlib';
import { makeSmallCity } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * A one-entry zip whose sheet is `mb` megabytes of zeros deflated (about 1000:1), built by hand; its headers
 * state `stated` bytes (the truth by default; less for a bomb whose directory lies).
 */
async function zipBomb(mb: number, stated = mb * 1024 * 1024): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => deflate.on('end', r));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i++) if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await ended;
  const data = Buffer.concat(chunks);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const size = stated;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

describe('org-tree upload limits', () => {
  let env: TestEnv;
  let api: TestApi;
  let office: string;

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    office = await api.login('office');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const upload = (buf: Buffer, name: string) => api.as(office).post('/api/org-units/import').attach('file', buf, name);

  it('refuses a zip bomb with a 400 after reading its first 50 MB, while /health keeps answering', async () => {
    const bomb = await zipBomb(500); // 500 MB of zeros in well under 1 MB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    let answered: number | undefined;
    const res = upload(bomb, 'tree.xlsx').then((r) => {
      answered = Date.now() - started;
      return r;
    });
    const healthTimes: number[] = [];
    while (answered === undefined && Date.now() - started < 30_000) {
      const t0 = Date.now();
      expect((await api.http().get('/health')).status).toBe(200);
      healthTimes.push(Date.now() - t0);
    }
    const r = await res;
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('超过上限 50 MB');
    // generous bounds for two cores shared with other suites: inflating all 500 MB on the event loop would hold
    // /health for many seconds; stopping at 50 MB answers within a few and keeps every health check short
    expect(answered).toBeLessThan(5000);
    expect(Math.max(0, ...healthTimes)).toBeLessThan(2000);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM org_unit`))[0].n).toBe(9);
  });

  it('refuses bombs whose directory under-states their size as soon as an entry unpacks past it, eight at once too', async () => {
    // 200 MB of zeros stated as 700 KB: the directory passes (ratio below the 1 MB floor), the inflate does not
    const bomb = await zipBomb(200, 700 * 1024);
    const answers = await Promise.all(Array.from({ length: 8 }, () => upload(bomb, 'tree.xlsx')));
    for (const r of answers) {
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('实际解压大小与其声明不符');
    }
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM org_unit`))[0].n).toBe(9);
  });

  it('refuses a file that is not a zip under an .xlsx name with a 400', async () => {
    const r = await upload(Buffer.from('code,name,level,parent_code\n'), 'tree.xlsx');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('不是有效的 XLSX');
  });

  it('refuses an XLSX of more than 20 000 data rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('tree');
    ws.addRow(['code', 'name', 'level', 'parent_code']);
    for (let i = 0; i < 20_001; i++) ws.addRow([`V${i}`, `村${i}`, 'village', 'T1']);
    const r = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'tree.xlsx');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('超过 20000 行数据');
  });

  it('refuses a CSV of more than 20 000 data rows or more than 10 columns', async () => {
    const lines = ['code,name,level,parent_code'];
    for (let i = 0; i < 20_001; i++) lines.push(`V${i},村${i},village,T1`);
    const long = await upload(Buffer.from(lines.join('\n')), 'tree.csv');
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('超过 20000 行数据');

    const wide = await upload(Buffer.from('code,name,level,parent_code,a,b,c,d,e,f,g\nD9,新区,district,C1,1,2,3,4,5,6,7\n'), 'tree.csv');
    expect(wide.status).toBe(400);
    expect(wide.body.message).toContain('文件有 11 列，最多 10 列');
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM org_unit`))[0].n).toBe(9);
  });

  it('still imports an ordinary XLSX (parsed in the worker thread)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('tree');
    ws.addRows([
      ['编码', '名称', '层级', '上级编码'],
      ['D8', { richText: [{ text: '新' }, { text: '区' }] }, 'district', 'C1'],
      ['T8', '新镇', 'town', 'D8'],
    ]);
    const r = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'tree.xlsx');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 2 });
    expect(await api.ds.query(`SELECT name FROM org_unit WHERE code = 'D8'`)).toEqual([{ name: '新区' }]);
  });
});
