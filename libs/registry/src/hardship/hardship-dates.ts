/** The dates of a hardship person's registration, payment by the government and benefit (YYYY-MM-DD, each optional). */
export interface HardshipDates {
  registeredOn?: string;
  paidOn?: string;
  benefitOn?: string;
}

const LABELS: Record<keyof HardshipDates, string> = { registeredOn: '参保登记日期', paidOn: '代缴日期', benefitOn: '享受待遇日期' };

/**
 * What was done for a person cannot lie after the business date (today, Asia/Shanghai), and neither the payment
 * nor the benefit can come before the registration: the refusals, each naming its field.
 */
export function hardshipDateErrors(d: HardshipDates, today: string): { name: keyof HardshipDates; message: string }[] {
  const errors: { name: keyof HardshipDates; message: string }[] = [];
  for (const name of ['registeredOn', 'paidOn', 'benefitOn'] as const) {
    const on = d[name];
    if (on && on > today) errors.push({ name, message: `${LABELS[name]} ${on} 不能晚于今天（${today}）` });
    else if (on && name !== 'registeredOn' && d.registeredOn && on < d.registeredOn)
      errors.push({ name, message: `${LABELS[name]} ${on} 不能早于参保登记日期 ${d.registeredOn}` });
  }
  return errors;
}
