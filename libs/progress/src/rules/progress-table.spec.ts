import { columnOf, parseProgressTable, pickUnit, ratePercent, readNumber } from './progress-table';

describe('a progress table as the seeds print it', () => {
  it('reads seed 002 annex 3: title lines, a blank unit header, the total skipped, numbers as written', () => {
    const table = [
      ['2015年7月份企业养老保险缴费人数完成进度统计表'],
      ['', '', '', '单位：人、%'],
      ['', '7月末缴费人数', '计划指标', '完成进度'],
      ['合计', '2727334', '2891437', '94.3%'],
      ['和平', '311124', '327458', '95.0%'],
      ['武 清', '129,703', '129499', '100.2%'],
      ['汉沽', '388', '无', ''],
    ];
    expect(parseProgressTable(table)).toEqual({
      headers: { unit: '单位', actual: '7月末缴费人数', plan: '计划指标' },
      rows: [
        { row: 5, unit: '和平', unitCode: null, indicator: null, actual: '311124', denominator: null, rate: null, plan: '327458', reason: null, problems: [] },
        { row: 6, unit: '武清', unitCode: null, indicator: null, actual: '129703', denominator: null, rate: null, plan: '129499', reason: null, problems: [] },
        // annex 5's 汉沽 has no plan: a 计划指标 of 无 is no plan (never stored), not a bad row
        { row: 7, unit: '汉沽', unitCode: null, indicator: null, actual: '388', denominator: null, rate: null, plan: null, reason: null, problems: [] },
      ],
      skipped: [{ row: 4, unit: '合计', reason: '合计行不导入：上级的完成数由各行汇总（a total row: the parent figure is the sum of the rows）' }],
    });
  });

  it('takes the aliases: 单位/区县, 实际完成/完成数, 参保率（%）, 指标, 原因; a rate alone is a rate-only row', () => {
    expect(['单位', '区县', '地 区', '实际完成', '完成数', '参保率（%）', '指标', '更正原因', '1-7月新增参保人数', '1-7月指标完成率'].map(columnOf)).toEqual([
      'unit',
      'unit',
      'unit',
      'actual',
      'actual',
      'rate',
      'indicator',
      'reason',
      'actual',
      'ignored',
    ]);
    const t = parseProgressTable([
      ['区县', '指标', '实际完成', '分母', '参保率（%）', '原因'],
      ['河东', '参保率', '', '', '98.5%', ''],
      ['河西', '参保率', '', '', '0.985', ''],
      ['南开', '参保率', '197', '200', '98.5', '按户籍核对'],
      ['河北', '参保率', 'abc', '', '', ''],
    ]);
    if ('message' in t) throw new Error(t.message);
    // 0.985 is an Excel percent cell: 98.5 %; beside both figures the rate is derived and not reported
    expect(t.rows.map((r) => [r.unit, r.actual, r.denominator, r.rate, r.reason])).toEqual([
      ['河东', null, null, '98.5', null],
      ['河西', null, null, '98.5', null],
      ['南开', '197', '200', null, '按户籍核对'],
      ['河北', null, null, null, null],
    ]);
    expect(t.rows[3].problems).toEqual([{ field: 'actual', header: '实际完成', message: '「abc」不是数字（not a number）' }]);
  });

  it('refuses a table without a figure column or a unit column', () => {
    expect(parseProgressTable([['区县', '计划指标']])).toHaveProperty('message');
    expect(parseProgressTable([['名字', '完成数']])).toEqual({
      message: '表头（第 1 行）缺少「单位」列（或 区县、地区、单位编码）（the header row names no unit column）',
    });
  });

  it('reads numbers and rates exactly', () => {
    expect(readNumber(' 2,727,334 ')).toEqual({ value: '2727334', percent: false });
    expect(readNumber('98.5%')).toEqual({ value: '98.5', percent: true });
    expect(readNumber('')).toBeNull();
    expect(readNumber('九十')).toBeUndefined();
    expect(ratePercent({ value: '0.985', percent: false })).toBe('98.5');
    expect(ratePercent({ value: '0.9', percent: false })).toBe('90');
    expect(ratePercent({ value: '1', percent: false })).toBe('100');
    expect(ratePercent({ value: '1', percent: true })).toBe('1');
    expect(ratePercent({ value: '98.5', percent: false })).toBe('98.5');
  });

  it('matches a unit by name, by name without its level suffix, or by code; several or none is a problem', () => {
    const hp = { id: 1, code: 'HP', name: '和平区', hasTask: true };
    const hpv = { id: 2, code: 'HPV', name: '和平村', hasTask: false };
    const hd = { id: 3, code: 'HD', name: '河东区', hasTask: true };
    const hd2 = { id: 4, code: 'HD2', name: '河东区', hasTask: true };
    // 和平区 and 和平村 both read 和平: only 和平区 holds a task
    expect(pickUnit('和平', null, [hp, hpv])).toEqual({ unit: hp });
    expect(pickUnit('和平村', null, [hp, hpv])).toEqual({ unit: hpv });
    expect(pickUnit('河东', 'HD2', [hd, hd2])).toEqual({ unit: hd2 });
    expect(pickUnit('河东', null, [hd, hd2])).toEqual({
      message: '有 2 个单位名为「河东」：河东区（HD）、河东区（HD2），请在「单位编码」列写明编码（ambiguous unit name）',
    });
    expect(pickUnit('南开', null, [hp])).toEqual({ message: '在您的管辖范围内找不到名为「南开」的单位（no unit named 南开 in your scope）' });
  });

  it('holds a cell to the bounds a report sent as JSON is held to: 2 decimals and 16 digits for figures, 4 decimals for a rate', () => {
    const t = parseProgressTable([
      ['单位', '完成数', '分母', '参保率'],
      ['和平', '1.23456', '', ''],
      ['河东', '12345678901234567', '', ''],
      ['河西', '', '', '98.12345'],
      ['南开', '1234.5', '99999999999999.99', ''],
    ]);
    if ('message' in t) throw new Error(t.message);
    expect(t.rows.map((r) => [r.unit, r.problems])).toEqual([
      ['和平', [{ field: 'actual', header: '完成数', message: '「1.23456」最多 2 位小数（at most 2 decimal places）' }]],
      ['河东', [{ field: 'actual', header: '完成数', message: '「12345678901234567」数值过大（须小于 10000000000000000）（too large）' }]],
      ['河西', [{ field: 'rate', header: '参保率', message: '「98.12345」最多 4 位小数（at most 4 decimal places）' }]],
      ['南开', []],
    ]);
  });
});
