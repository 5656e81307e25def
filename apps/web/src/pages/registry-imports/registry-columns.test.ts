import { describe, expect, it } from 'vitest';
import { columnLabel, REGISTRY_COLUMNS, registryTemplate } from './registry-columns';

describe('registry columns', () => {
  it('offers a template with the Chinese headers the API reads', () => {
    expect(registryTemplate('person')).toBe('\uFEFF身份证号码,姓名,联系电话,住址,村社区代码,人员类别,当前参保险种,参保状态,所在单位统一社会信用代码\r\n');
    expect(REGISTRY_COLUMNS.employer.filter((c) => c.required).map((c) => c.zh)).toEqual([
      '统一社会信用代码',
      '单位名称',
      '所在村镇代码',
      '职工人数',
      '参保人数',
    ]);
  });

  it("names a bad row's column by its Chinese header", () => {
    expect(columnLabel('person', 'idNumber')).toBe('身份证号码');
    expect(columnLabel('employer', 'staffCount')).toBe('职工人数');
    expect(columnLabel('person', 'file')).toBe('file');
  });
});
