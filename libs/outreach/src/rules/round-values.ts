/** The values a round gives its template's variables (the name comes from each person). */
export interface RoundValues {
  amount?: number;
  deadline?: string;
  officePhone?: string;
}

/**
 * The first variable the template uses that the round gives no value for (amount, then deadline, then
 * office phone), as the field to name and the message to say; null when every one has a value. Checked
 * when a round is planned, so no message goes out with a blank.
 */
export function missingRoundValue(kind: string, uses: readonly string[], v: RoundValues): { field: keyof RoundValues; message: string } | null {
  if (uses.includes('amount') && v.amount === undefined)
    return { field: 'amount', message: `通知模板 ${kind} 用到了 {{amount}}，请填写金额（template ${kind} uses {{amount}}: give the amount）` };
  if (uses.includes('deadline') && !v.deadline)
    return { field: 'deadline', message: `通知模板 ${kind} 用到了 {{deadline}}，请填写截止日期（template ${kind} uses {{deadline}}: give the deadline）` };
  if (uses.includes('officePhone') && !v.officePhone)
    return {
      field: 'officePhone',
      message: `通知模板 ${kind} 用到了 {{officePhone}}，请填写办公室电话（template ${kind} uses {{officePhone}}: give the office phone）`,
    };
  return null;
}
