/** Variables a message template may use: {{name}}, {{amount}}, {{deadline}}, {{officePhone}}. */
export const TEMPLATE_VARIABLES = ['name', 'amount', 'deadline', 'officePhone'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export const TEMPLATE_VARIABLE_LABELS: Record<TemplateVariable, string> = {
  name: '姓名',
  amount: '金额（元）',
  deadline: '截止日期',
  officePhone: '咨询电话',
};

/** Values used by a preview when the caller gives none. */
export const SAMPLE_VALUES: Record<TemplateVariable, string> = {
  name: '张三',
  amount: '3600',
  deadline: '2026年3月31日',
  officePhone: '0571-88886666',
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const CJK = /[\u4e00-\u9fff]/;
export const TEMPLATE_MAX_LENGTH = 300;

/** The variables a template body uses, in first-use order. */
export function templateVariables(body: string): string[] {
  const seen: string[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) if (!seen.includes(m[1])) seen.push(m[1]);
  return seen;
}

/** Problems with a template body (empty list: the body may be saved). */
export function checkTemplate(body: string): string[] {
  const problems: string[] = [];
  const unknown = templateVariables(body).filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v));
  if (unknown.length)
    problems.push(
      `模板中有未知的变量 ${unknown.map((v) => `{{${v}}}`).join('、')}，可用的变量为 ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join('、')}` +
        `（unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}; allowed: ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}）`,
    );
  const stripped = body.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stripped)) problems.push('花括号不成对：变量须写成 {{name}} 的形式（unbalanced braces: write a variable as {{name}}）');
  if (!CJK.test(stripped)) problems.push('发给群众的消息须用中文书写（a message to the public must be written in Chinese）');
  if (body.length > TEMPLATE_MAX_LENGTH) problems.push(`模板最多 ${TEMPLATE_MAX_LENGTH} 个字符（at most ${TEMPLATE_MAX_LENGTH} characters）`);
  return problems;
}

/** Fills a template; a variable without a value is an error, never a blank in a sent message. */
export function renderTemplate(body: string, values: TemplateValues): string {
  const missing = templateVariables(body).filter((v) => {
    const val = values[v as TemplateVariable];
    return val === undefined || val === null || val === '';
  });
  if (missing.length) throw new Error(`template variable without a value: ${missing.join(', ')}`);
  return body.replace(PLACEHOLDER, (_, v: string) => values[v as TemplateVariable]!);
}

/** '2026-03-31' → '2026年3月31日'. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
