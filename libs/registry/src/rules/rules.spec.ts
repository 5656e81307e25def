import { idNumberCheckChar, parseIdNumber } from './id-number';
import { ageOn, recommendScheme } from './recommendation';
import { parseUscc, usccCheckChar } from './uscc';

describe('ID number', () => {
  it('accepts an X check digit worked out by hand', () => {
    // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 mod 11 = 2 -> 'X'
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' });
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });
  it('accepts 29 February 2000 (a leap year)', () => {
    // 7+9+0+5+0+20 +2*2+0+0+0+0+2*9+2*10+9*5+0+0+1*2 = 130; 130 mod 11 = 9 -> '3'; sequence 001 is odd: male
    expect(parseIdNumber('110105200002290013')).toEqual({ ok: true, idNumber: '110105200002290013', birthDate: '2000-02-29', sex: 'M' });
  });
  it('rejects 30 February even with a right checksum', () => {
    // 7+9+0+5+0+20+4+0+0+0+0+18+3*10+0+0+0+2 = 95; 95 mod 11 = 7 -> '5'
    expect(idNumberCheckChar('11010520000230001')).toBe('5');
    expect(parseIdNumber('110105200002300015')).toEqual({ ok: false, reason: '身份证号码中的出生日期不存在' });
  });
  it('rejects 29 February in a non-leap year, 1900 included', () => {
    expect(parseIdNumber('110105190002290017')).toMatchObject({ ok: false, reason: '身份证号码中的出生日期不存在' }); // right check character (137 mod 11 = 5 → 7)
    expect(parseIdNumber('110105200102290010')).toMatchObject({ ok: false, reason: '身份证号码中的出生日期不存在' });
  });
  it('rejects a wrong check digit, bad format, and a future birth date', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, reason: '身份证号码校验码错误' });
    expect(parseIdNumber('11010519491231002')).toMatchObject({ ok: false });
    expect(parseIdNumber('1101051949123100AX')).toMatchObject({ ok: false });
    const format = { ok: false, reason: '身份证号码应为18位（前17位数字，末位数字或X）' };
    expect(parseIdNumber('1101051949123100X2')).toEqual(format); // X only as the last character
    expect(parseIdNumber('11010519491231002Y')).toEqual(format);
    expect(parseIdNumber('11010519491231002XX')).toEqual(format);
    expect(parseIdNumber(' 11010519491231002x ')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    // 1899-12-31 is a real date: 11010518991231001 weighs 194, 194 mod 11 = 7 → check '5', so …0010 is a wrong check character
    expect(parseIdNumber('110105189912310010')).toEqual({ ok: false, reason: '身份证号码校验码错误' });
    expect(parseIdNumber('110105194913310013')).toEqual({ ok: false, reason: '身份证号码中的出生日期不存在' }); // month 13 (174 mod 11 = 9 → 3)
    expect(parseIdNumber('110105194912000013')).toEqual({ ok: false, reason: '身份证号码中的出生日期不存在' }); // day 0 (130 mod 11 = 9 → 3)
    expect(parseIdNumber('110105200002290013', '2000-02-28')).toEqual({ ok: false, reason: '身份证号码中的出生日期晚于今天' });
  });
});

describe('USCC', () => {
  it('accepts a code whose check character is worked out by hand', () => {
    // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 with weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28:
    // 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3 -> '3'
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(parseUscc('91350100M000100Y43')).toEqual({ ok: true, uscc: '91350100M000100Y43' });
  });
  it('maps a remainder of 0 to check character 0, and 28 to W', () => {
    // '4','9', then fifteen '0': 4*1 + 9*3 = 31; 31 mod 31 = 0; 31 - 0 = 31, which means 0
    expect(usccCheckChar('49000000000000000')).toBe('0');
    expect(parseUscc('490000000000000000')).toEqual({ ok: true, uscc: '490000000000000000' });
    // '3','1', fourteen '0', '1': 3*1 + 1*3 + 1*28 = 34; 34 mod 31 = 3; 31 - 3 = 28 -> CHARSET[28] = 'W'
    expect(usccCheckChar('31000000000000001')).toBe('W');
  });
  it('rejects a wrong check character and letters outside the set', () => {
    expect(parseUscc('91350100M000100Y44')).toEqual({ ok: false, reason: '统一社会信用代码校验码错误' });
    expect(parseUscc('91350100M000100O43')).toMatchObject({ ok: false });
    expect(parseUscc('9135010')).toMatchObject({ ok: false });
  });
});

describe('recommendation (seed 001: men under 45, women under 40 -> employee pension)', () => {
  it('man: the day before his 45th birthday vs on it', () => {
    expect(recommendScheme('M', '1981-03-02', '2026-03-01')).toEqual({ age: 44, scheme: 'employee_pension' });
    expect(recommendScheme('M', '1981-03-02', '2026-03-02')).toEqual({ age: 45, scheme: 'resident_pension' });
  });
  it('woman: the day before her 40th birthday vs on it', () => {
    expect(recommendScheme('F', '1986-03-02', '2026-03-01')).toEqual({ age: 39, scheme: 'employee_pension' });
    expect(recommendScheme('F', '1986-03-02', '2026-03-02')).toEqual({ age: 40, scheme: 'resident_pension' });
  });
  it('a 29 February birthday is reached on 1 March in a non-leap year', () => {
    expect(ageOn('1980-02-29', '2025-02-28')).toBe(44);
    expect(ageOn('1980-02-29', '2025-03-01')).toBe(45);
    expect(ageOn('1980-02-29', '2024-02-29')).toBe(44);
  });

  describe('births before EARLIEST_BIRTH_YEAR (1900)', () => {
    const tooOld = { ok: false, reason: '身份证号码中的出生年份早于1900年，不在登记范围内，请核对' };
    it("GB 11643's own example, 440524188001010014, is a valid number born 1880: refused for its year, not its date", () => {
      // 44052418800101001: 4·7+4·9+0·10+5·5+2·8+4·4+1·2+8·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2 = 195; 195 mod 11 = 8 → '4'
      expect(parseIdNumber('440524188001010014')).toEqual(tooOld);
      expect(parseIdNumber('110105189912310015')).toEqual(tooOld); // 194 mod 11 = 7 → '5'
      expect(parseIdNumber('440524189912310012')).toEqual(tooOld); // 274 mod 11 = 10 → '2'
    });
    it('a wrong check character is reported first, whatever the date says (a typo in the date breaks the check too)', () => {
      expect(parseIdNumber('110105194913310022')).toEqual({ ok: false, reason: '身份证号码校验码错误' }); // month 13, and 176 mod 11 = 0 → '1', not '2'
      expect(parseIdNumber('110105194913310021')).toEqual({ ok: false, reason: '身份证号码中的出生日期不存在' }); // the right check character: the date is at fault
    });
    it('a wrong check character on an old date is reported as the wrong check character', () => {
      expect(parseIdNumber('440524188001010024')).toEqual({ ok: false, reason: '身份证号码校验码错误' }); // the 17th digit 1 → 2 (weight 2): 195 + 2 = 197, mod 11 = 10 → '2', not '4'
    });
    it('1900-01-01 is the first birth date taken', () => {
      expect(parseIdNumber('440524190001010017')).toEqual({ ok: true, idNumber: '440524190001010017', birthDate: '1900-01-01', sex: 'M' }); // 148 mod 11 = 5 → '7'
    });
    it('an impossible date is still reported as one, in any century', () => {
      expect(parseIdNumber('110105180002290018')).toEqual({ ok: false, reason: '身份证号码中的出生日期不存在' }); // 1800 is not a leap year (136 mod 11 = 4 → 8)
    });
  });
});
