import { idNumberCheckChar } from '../rules/id-number';
import { usccCheckChar } from '../rules/uscc';
import { KnownUnit } from './column-sets';
import { mapMatchHeader, parseDateCell, validateMatchRow } from './match-columns';

const id = (first17: string) => first17 + idNumberCheckChar(first17);
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const UNITS = new Map<string, KnownUnit>([
  ['V1', { id: 11, path: '/1/2/3/11/', level: 'village' }],
  ['T1', { id: 3, path: '/1/2/3/', level: 'town' }],
]);
const TODAY = '2026-03-02';

describe('roster and department columns', () => {
  it('reads dates as clerks type them, and refuses what is no date', () => {
    expect(parseDateCell('2026-03-05')).toBe('2026-03-05');
    expect(parseDateCell('2026/3/5')).toBe('2026-03-05');
    expect(parseDateCell('2026.3.5')).toBe('2026-03-05');
    expect(parseDateCell('2026年3月5日')).toBe('2026-03-05');
    expect(parseDateCell('20260305')).toBe('2026-03-05');
    expect(parseDateCell('2026-02-30')).toBeNull();
    expect(parseDateCell('昨天')).toBeNull();
  });

  it("finds the documented columns under the registry's aliases too, and names a missing one", () => {
    expect(mapMatchHeader('department', 'person', ['公民身份号码', '姓名', '手机号', '所属村（社区）代码'])).toEqual({
      idNumber: 0,
      name: 1,
      phone: 2,
      address: -1,
      villageCode: 3,
    });
    expect(() => mapMatchHeader('department', 'death', ['身份证号', '姓名'])).toThrow('文件缺少必填列: 死亡日期(deathDate)');
  });

  it('validates a department person row (sequence 021: odd, male): the village must be a village of the tree', () => {
    const p = id('51010519850315021');
    const index = mapMatchHeader('department', 'person', ['身份证号', '姓名', '电话', '地址', '所属村（社区）代码']);
    expect(validateMatchRow('department', 'person', [p, '孙二', '+86 139 0000 2222', '东湖路1号', 'V1'], index, UNITS, TODAY)).toEqual({
      ok: true,
      values: [p, '孙二', 'M', '1985-03-15', '13900002222', '东湖路1号', null, 11, '/1/2/3/11/', null, null, null],
    });
    expect(validateMatchRow('department', 'person', [p, '孙二', '', '', 'T1'], index, UNITS, TODAY)).toEqual({
      ok: false,
      errors: [{ column: 'villageCode', reason: '所属村（社区）代码 T1 不存在或不在本扩面任务的辖区内' }],
    });
  });

  it("keeps a department's rows to the subtree of its unit: a village of the tree outside it is a bad row", () => {
    const p = id('51010519850315021');
    const index = mapMatchHeader('department', 'person', ['身份证号', '姓名', '所属村（社区）代码']);
    const units = new Map<string, KnownUnit>([...UNITS, ['V9', { id: 19, path: '/1/4/5/19/', level: 'village' }]]);
    const d2 = { path: '/1/4/', name: '某区' };
    expect(validateMatchRow('department', 'person', [p, '孙二', 'V9'], index, units, TODAY, d2)).toMatchObject({
      ok: true,
      values: expect.arrayContaining([19]),
    });
    expect(validateMatchRow('department', 'person', [p, '孙二', 'V1'], index, units, TODAY, d2)).toEqual({
      ok: false,
      errors: [{ column: 'villageCode', reason: '所属村（社区）代码 V1 不在本部门所属某区的辖区内' }],
    });
  });

  it('takes an employer at a town, and a roster employer only with a whole headcount', () => {
    const u = uscc('91510105MA0000202');
    const dept = mapMatchHeader('department', 'employer', ['统一社会信用代码', '名称', '法定代表人', '地址', '所属村镇代码']);
    expect(validateMatchRow('department', 'employer', [u, '未参保公司', '赵六', '', 'T1'], dept, UNITS, TODAY)).toMatchObject({
      ok: true,
      values: [u, '未参保公司', null, null, null, null, '赵六', 3, '/1/2/3/', null, null, null],
    });
    const roster = mapMatchHeader('roster', 'employer', ['统一社会信用代码', '名称', '参保人数']);
    expect(validateMatchRow('roster', 'employer', [u, '公司', '30'], roster, UNITS, TODAY)).toMatchObject({ ok: true, values: expect.arrayContaining([30]) });
    expect(validateMatchRow('roster', 'employer', [u, '公司', '3.5'], roster, UNITS, TODAY)).toEqual({
      ok: false,
      errors: [{ column: 'insuredCount', reason: '参保人数应为非负整数' }],
    });
  });

  it('needs a date of death on or before today', () => {
    const p = id('51010519400505045');
    const index = mapMatchHeader('department', 'death', ['身份证号', '姓名', '死亡日期']);
    expect(validateMatchRow('department', 'death', [p, '李四', '2026/2/3'], index, UNITS, TODAY)).toMatchObject({ ok: true });
    expect(validateMatchRow('department', 'death', [p, '李四', ''], index, UNITS, TODAY)).toEqual({
      ok: false,
      errors: [{ column: 'deathDate', reason: '死亡日期必填' }],
    });
    expect(validateMatchRow('department', 'death', [p, '李四', '2026-03-03'], index, UNITS, TODAY)).toEqual({
      ok: false,
      errors: [{ column: 'deathDate', reason: '死亡日期不能晚于今天（2026-03-02）' }],
    });
  });
});
