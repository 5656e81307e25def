import { hardshipDateErrors } from './hardship-dates';

describe('hardship dates', () => {
  const today = '2026-03-02';

  it('accepts today and earlier, in order, and nothing at all', () => {
    expect(hardshipDateErrors({}, today)).toEqual([]);
    expect(hardshipDateErrors({ registeredOn: '2026-01-05', paidOn: '2026-01-05', benefitOn: '2026-03-02' }, today)).toEqual([]);
    // a benefit without a registration on file is judged on the business date only
    expect(hardshipDateErrors({ benefitOn: '2026-03-01' }, today)).toEqual([]);
  });

  it('refuses a date after the business date, each field on its own', () => {
    expect(hardshipDateErrors({ registeredOn: '2026-03-03', paidOn: '2026-03-03', benefitOn: '2027-01-01' }, today)).toEqual([
      { name: 'registeredOn', message: '参保登记日期 2026-03-03 不能晚于今天（2026-03-02）' },
      { name: 'paidOn', message: '代缴日期 2026-03-03 不能晚于今天（2026-03-02）' },
      { name: 'benefitOn', message: '享受待遇日期 2027-01-01 不能晚于今天（2026-03-02）' },
    ]);
  });

  it('refuses a payment or benefit before the registration', () => {
    expect(hardshipDateErrors({ registeredOn: '2026-02-10', paidOn: '2026-02-09', benefitOn: '2026-01-31' }, today)).toEqual([
      { name: 'paidOn', message: '代缴日期 2026-02-09 不能早于参保登记日期 2026-02-10' },
      { name: 'benefitOn', message: '享受待遇日期 2026-01-31 不能早于参保登记日期 2026-02-10' },
    ]);
  });
});
