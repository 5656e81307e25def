import { columnsOf } from './column-sets';
import { csvField, errorsCsv } from './errors-csv';

describe('errors.csv', () => {
  it('keeps long digit strings and formula starts as text, and quotes what needs it', () => {
    expect(csvField('11010519491231002X')).toBe('"\t11010519491231002X"');
    expect(csvField('13912345678')).toBe('13912345678'); // 11 digits: Excel shows them whole
    expect(csvField('+86 139')).toBe('"\t+86 139"');
    expect(csvField('=1+1')).toBe('"\t=1+1"');
    expect(csvField('张三')).toBe('张三');
    expect(csvField('一组, "东"')).toBe('"一组, ""东"""');
    expect(csvField('0831-1234567')).toBe('0831-1234567');
  });

  it('writes one line per bad row under the Chinese headers, with a BOM', () => {
    const csv = errorsCsv(columnsOf('employer'), [
      {
        rowNumber: 3,
        columns: ['staffCount', 'insuredCount', 'staffCount'],
        reasons: ['a', 'b', 'c'],
        cells: ['U', '甲厂', null, '', 'T1', '', 'x', '5', '', ''],
      },
      { rowNumber: 7, columns: ['uscc'], reasons: ['该统一社会信用代码已登记在其他单位名下'], cells: null },
    ]);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF行号,统一社会信用代码,单位名称,法定代表人,地址,所在村镇代码,行业,职工人数,参保人数,未参保人数,标记,有误的列,原因',
      '3,U,甲厂,,,T1,,x,5,,,职工人数、参保人数,a；b；c',
      '7,,,,,,,,,,,统一社会信用代码,该统一社会信用代码已登记在其他单位名下',
      '',
    ]);
  });
});
