/**
 * Chinese messages for clerks, by class-validator constraint name. `en` is class-validator's (or the
 * DTO's own) English message, from which numbers like the maximum are read; it follows in brackets.
 */
const num = (en: string, re: RegExp): string => re.exec(en)?.[1] ?? '';

const ZH: Record<string, (en: string) => string> = {
  isInt: () => '须为整数',
  isNumber: () => '须为数字',
  isNumberString: () => '须为数字',
  isNumeric: () => '须为数字',
  min: (en) => `不能小于 ${num(en, /less than (-?[\d.e+]+)/)}`.trim(),
  max: (en) => `不能大于 ${num(en, /greater than (-?[\d.e+]+)/)}`.trim(),
  maxLength: (en) => `长度不能超过 ${num(en, /equal to (\d+) characters/)} 个字符`.replace('超过  个', '超过上限的'),
  minLength: (en) => `长度不能少于 ${num(en, /equal to (\d+) characters/) || num(en, /at least (\d+)/)} 个字符`.replace('少于  个', '少于下限的'),
  isLength: (en) => {
    const m = /longer than or equal to (\d+)|shorter than or equal to (\d+)/.exec(en);
    return m ? `长度须在规定范围内（${m[1] ? '不少于 ' + m[1] : '不超过 ' + m[2]} 个字符）` : '长度不在规定范围内';
  },
  isIn: () => '不是可选的值之一',
  isEnum: () => '不是可选的值之一',
  isString: () => '须为文字',
  isBoolean: () => '须为 true 或 false',
  isArray: () => '须为列表',
  isObject: () => '须为对象',
  isNotEmpty: () => '不能为空',
  isDefined: () => '不能为空',
  isDateString: () => '须为有效日期',
  isIso8601: () => '须为有效的日期时间',
  isISO8601: () => '须为有效的日期时间',
  isCalendarDate: () => '须为真实存在的日期，格式 YYYY-MM-DD',
  decimalPlaces: (en) => `最多 ${num(en, /at most (\d+) decimal/)} 位小数`,
  fitsNumeric: (en) => `数值过大（${num(en, /below (\S+)/) ? '须小于 ' + num(en, /below (\S+)/) : '超出范围'}）`,
  matches: () => '格式不正确',
  isPhone: () => '须为11位手机号（可带+86）或区号-号码（如 0571-88886666）',
  arrayMinSize: () => '列表项数太少',
  arrayMaxSize: () => '列表项数太多',
  arrayUnique: () => '列表中有重复项',
  nestedValidation: () => '须为对象或对象列表',
  whitelistValidation: () => '是未知字段，不能提交',
  badText: () => '含有不允许的字符（空字符或无效的 Unicode 字符）',
};

const HAS_CJK = /[\u4e00-\u9fff]/;

/** The clerk's message for one failed constraint, with the English detail after it. */
export function zhMessage(constraint: string, en: string): string {
  if (HAS_CJK.test(en)) return en;
  const zh = ZH[constraint]?.(en) ?? '格式不正确';
  return `${zh} (${en})`;
}
