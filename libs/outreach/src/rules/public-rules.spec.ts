import { quietUntil } from '#core';
import { checkTemplate, chineseDate, renderTemplate, templateVariables } from './template-rules';

describe('quiet hours (Asia/Shanghai)', () => {
  it('holds a 21:30 send until 08:00 the next day', () => {
    // 21:30 Shanghai on 2 March = 13:30 UTC; 08:00 on 3 March = 00:00 UTC
    expect(quietUntil(new Date('2026-03-02T13:30:00Z'))).toEqual(new Date('2026-03-03T00:00:00Z'));
  });
  it('holds from 21:00 sharp and until 07:59, releases at 08:00', () => {
    expect(quietUntil(new Date('2026-03-02T13:00:00Z'))).toEqual(new Date('2026-03-03T00:00:00Z'));
    expect(quietUntil(new Date('2026-03-02T23:59:00Z'))).toEqual(new Date('2026-03-03T00:00:00Z')); // 07:59 on the 3rd
    expect(quietUntil(new Date('2026-03-02T16:00:00Z'))).toEqual(new Date('2026-03-03T00:00:00Z')); // midnight
    expect(quietUntil(new Date('2026-03-03T00:00:00Z'))).toBeNull(); // 08:00
    expect(quietUntil(new Date('2026-03-02T12:59:59Z'))).toBeNull(); // 20:59:59
  });
  it('crosses a month end', () => {
    expect(quietUntil(new Date('2026-02-28T14:00:00Z'))).toEqual(new Date('2026-03-01T00:00:00Z'));
  });
  it('follows the campaign setting', () => {
    // 22:00–07:30: 21:30 (13:30 UTC) is not quiet; 22:00 is, until 07:30 next day (23:30 UTC)
    const w = { from: '22:00', until: '07:30' };
    expect(quietUntil(new Date('2026-03-02T13:30:00Z'), w)).toBeNull();
    expect(quietUntil(new Date('2026-03-02T14:00:00Z'), w)).toEqual(new Date('2026-03-02T23:30:00Z'));
    expect(quietUntil(new Date('2026-03-02T23:29:00Z'), w)).toEqual(new Date('2026-03-02T23:30:00Z'));
    expect(quietUntil(new Date('2026-03-02T23:30:00Z'), w)).toBeNull();
    // a window within a day: 12:00–14:00; 12:30 (04:30 UTC) held until 14:00 (06:00 UTC), 14:00 free
    const noon = { from: '12:00', until: '14:00' };
    expect(quietUntil(new Date('2026-03-02T04:30:00Z'), noon)).toEqual(new Date('2026-03-02T06:00:00Z'));
    expect(quietUntil(new Date('2026-03-02T06:00:00Z'), noon)).toBeNull();
    expect(quietUntil(new Date('2026-03-02T13:30:00Z'), noon)).toBeNull();
    // from = until: no quiet hours
    expect(quietUntil(new Date('2026-03-02T13:30:00Z'), { from: '21:00', until: '21:00' })).toBeNull();
  });
});

describe('templates', () => {
  it('lists the variables once each', () => {
    expect(templateVariables('{{name}}您好，{{ deadline }}前，{{name}}')).toEqual(['name', 'deadline']);
  });
  it('refuses an unknown variable at save time', () => {
    expect(checkTemplate('{{name}}您好，请缴纳{{fee}}元')).toEqual([
      '模板中有未知的变量 {{fee}}，可用的变量为 {{name}}、{{amount}}、{{deadline}}、{{officePhone}}（unknown variable {{fee}}; allowed: {{name}}, {{amount}}, {{deadline}}, {{officePhone}}）',
    ]);
  });
  it('refuses a body without Chinese and unbalanced braces', () => {
    expect(checkTemplate('Hello {{name}}')).toEqual(['发给群众的消息须用中文书写（a message to the public must be written in Chinese）']);
    expect(checkTemplate('{{name}您好')).toEqual(['花括号不成对：变量须写成 {{name}} 的形式（unbalanced braces: write a variable as {{name}}）']);
    expect(checkTemplate('{{name}}您好，请于{{deadline}}前缴费')).toEqual([]);
  });
  it('renders every variable and refuses to leave a blank', () => {
    expect(renderTemplate('{{name}}您好，请于{{deadline}}前缴纳{{amount}}元', { name: '李四', deadline: '2026年3月31日', amount: '3600' })).toBe(
      '李四您好，请于2026年3月31日前缴纳3600元',
    );
    expect(() => renderTemplate('{{name}}您好，咨询{{officePhone}}', { name: '李四' })).toThrow('template variable without a value: officePhone');
  });
  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-09-05')).toBe('2026年9月5日');
  });
});
