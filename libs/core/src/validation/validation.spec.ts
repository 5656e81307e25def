import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from '../errors/http-exception.filter';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fitsNumeric, isCalendarDate, IsDecimal } from './decorators';
import { ParseIdPipe } from './id.pipe';
import { zhMessage } from './messages';
import { findBadText } from './text-guard';

describe('shared validators', () => {
  it('knows real calendar dates', () => {
    expect(['2024-02-29', '2026-02-28', '2026-12-31', '2000-02-29', '0001-01-01'].map(isCalendarDate)).toEqual([true, true, true, true, true]);
    expect(
      ['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '0000-01-01', '2026-1-01', 20260101].map(isCalendarDate),
    ).toEqual([false, false, false, false, false, false, false, false, false]);
  });

  it('fits numbers and numeric strings to numeric(p, s)', () => {
    expect(fitsNumeric(99999999999999.5, 16, 2)).toBe(true);
    expect(fitsNumeric(1e14, 16, 2)).toBe(false);
    expect(fitsNumeric(1e300, 18, 2)).toBe(false);
    expect(fitsNumeric(Infinity, 18, 2)).toBe(false);
    expect(fitsNumeric('0000123.45', 5, 2)).toBe(true);
    expect(fitsNumeric('1234.5', 5, 2)).toBe(false);
    expect(fitsNumeric('9'.repeat(500), 18, 2)).toBe(false);
  });

  it('takes a decimal as a JSON number or a string, and keeps it as the string', () => {
    class Report {
      @IsDecimal(18, 2) actual: string;
    }
    const check = (actual: unknown) => {
      const dto = plainToInstance(Report, { actual });
      const errors = validateSync(dto);
      return errors.length ? Object.keys(errors[0].constraints ?? {}) : dto.actual;
    };
    expect([55, '55', 12.5, '12.50', 0, -3, '1234567890123456.78'].map(check)).toEqual(['55', '55', '12.5', '12.50', '0', '-3', '1234567890123456.78']);
    // 1e21 prints with an exponent; 1e16 fits no numeric(18, 2); NaN, text, null and objects are not numbers
    for (const bad of [1e21, '1e3', NaN, 'abc', null, {}, true]) expect(check(bad)).toContain('isNumberString');
    expect(check(1e16)).toEqual(['fitsNumeric']);
    // two decimals at most, as numeric(18, 2) keeps them: 55.555 and 0.1 + 0.2 are refused, not rounded
    expect(check(55.555)).toEqual(['decimalPlaces']);
    expect(check(0.1 + 0.2)).toEqual(['decimalPlaces']);
    expect(check('55.50')).toBe('55.50');
  });
  it('finds NUL and lone surrogates anywhere, by path', () => {
    expect(findBadText({ a: [{ b: 'ok' }, { b: 'x\u0000' }] })).toBe('a[1].b');
    expect(findBadText({ a: { 'k\ud800': 1 } })).toBe('a.k\ud800');
    expect(findBadText('\udc00', 'id')).toBe('id');
    expect(findBadText({ a: '😀 emoji is a proper pair', b: ['中文'] })).toBeNull();
  });

  it('parses path ids within 1..2147483647 only', () => {
    const pipe = new ParseIdPipe();
    const meta = { type: 'param' as const, data: 'id' };
    expect(pipe.transform('2147483647', meta)).toBe(2147483647);
    for (const bad of ['2147483648', '0', '-1', '1e3', '1.0', ' 1', 'abc', ''])
      expect(() => pipe.transform(bad, meta)).toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field: 'id' })] }));
  });

  it('gives the clerk a Chinese message with the English detail after it', () => {
    expect(zhMessage('max', 'pageSize must not be greater than 500')).toBe('不能大于 500 (pageSize must not be greater than 500)');
    expect(zhMessage('maxLength', 'name must be shorter than or equal to 100 characters')).toBe(
      '长度不能超过 100 个字符 (name must be shorter than or equal to 100 characters)',
    );
    expect(zhMessage('whitelistValidation', 'property colour should not exist')).toBe('是未知字段，不能提交 (property colour should not exist)');
    expect(zhMessage('unknownRule', 'x is odd')).toBe('格式不正确 (x is odd)');
  });

  it('turns database errors caused by input into a 400', () => {
    const filter = new AllExceptionsFilter();
    for (const code of ['22P02', '22003', '22008', '22007', '22001', '22021', '54000']) {
      const e = new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code }));
      expect([code, filter.toBody(e).statusCode]).toEqual([code, 400]);
    }
    const other = new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code: '40P01' }));
    expect(filter.toBody(other).statusCode).toBe(500);
  });
});
