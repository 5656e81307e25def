import { columnsOf, HEADER_ALIASES, mapHeader, normaliseHeader } from './column-sets';

describe('header aliases', () => {
  it('reads the departments’ own headers, trimmed, without BOM or full-width spaces', () => {
    const index = mapHeader('person', ['\uFEFF 公民身份号码 ', '名字', '手机号码', '村社区代码', '\u3000人员类别\u3000', '备注']);
    expect(index).toEqual({
      idNumber: 0,
      name: 1,
      phone: 2,
      address: -1,
      villageCode: 3,
      group: 4,
      currentScheme: -1,
      insuranceStatus: -1,
      employerUscc: -1,
    });
    expect(mapHeader('person', ['证件号码', '姓名', '电话', '村社区代码', '人员类别']).phone).toBe(2);
    expect(mapHeader('person', ['身份证号', '姓 名', '联系电话', 'VillageCode', 'GROUP']).idNumber).toBe(0);
    expect(mapHeader('employer', ['信用代码', '单位名称', '所在村镇代码', '职工人数', '参保人数']).uscc).toBe(0);
  });

  it('takes the first of two headers naming one column', () => {
    expect(mapHeader('person', ['身份证号', '身份证号码', '姓名', '村社区代码', '人员类别']).idNumber).toBe(0);
  });

  it('names the missing required columns in Chinese', () => {
    expect(() => mapHeader('person', ['姓名', '村社区代码', '人员类别'])).toThrow(/^文件缺少必填列: 身份证号码\(idNumber\)/);
  });

  it.each(['person', 'employer'] as const)('gives no %s header to two columns', (kind) => {
    const seen = new Map<string, string>();
    for (const c of columnsOf(kind))
      for (const n of [c.key, c.zh, ...HEADER_ALIASES[kind][c.key]]) {
        const h = normaliseHeader(n);
        expect([h, seen.get(h) ?? c.key]).toEqual([h, c.key]);
        seen.set(h, c.key);
      }
  });
});
