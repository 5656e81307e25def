import { loadConfig } from './config';

describe('UPLOAD_RETAIN_FAILED_HOURS', () => {
  it('defaults to 0 (a failed upload is deleted at once) and reads a number of hours', () => {
    expect(loadConfig({}).UPLOAD_RETAIN_FAILED_HOURS).toBe(0);
    expect(loadConfig({ UPLOAD_RETAIN_FAILED_HOURS: '48' }).UPLOAD_RETAIN_FAILED_HOURS).toBe(48);
  });
  it('refuses a negative, fractional, too large or non-numeric value, naming the variable', () => {
    for (const v of ['-1', '1.5', '8761', 'a day'])
      expect(() => loadConfig({ UPLOAD_RETAIN_FAILED_HOURS: v })).toThrow(/^Configuration error: UPLOAD_RETAIN_FAILED_HOURS /);
  });
});
