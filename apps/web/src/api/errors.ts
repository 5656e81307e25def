import type { components } from './schema';

export type ErrorBody = components['schemas']['ErrorResponseDto'];
export type FieldError = components['schemas']['FieldErrorDto'];

/**
 * A failed call: the API's one error shape ({statusCode, error, message, fields}), or a network failure (status 0).
 * What the console shows is Chinese only: the English gloss of each message is dropped and the field paths the
 * message names are put as the clerk reads them ("lines[2].target: …" → "第3行 目标数：…").
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly body: ErrorBody | null;

  constructor(status: number, body: ErrorBody | null, fallback = '请求失败，请稍后重试') {
    const fields = (body?.fields ?? []).map((f) => ({ ...f, message: stripGloss(f.message) }));
    super(labelFieldsIn(stripGloss(body?.message || fallback), fields) || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error ?? (status === 0 ? 'NETWORK' : 'UNKNOWN');
    this.fields = fields;
    this.body = body;
  }

  /** The message of one field, if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

export const NETWORK_ERROR = '无法连接服务器，请检查网络后重试';

/** Whatever a call threw, as an ApiError (network failures and bugs included), so screens show one kind of error. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof TypeError) return new ApiError(0, null, NETWORK_ERROR);
  return new ApiError(0, null, e instanceof Error ? e.message : String(e));
}

/** The body of an error answer, if it is the API's error shape. */
export function errorBodyOf(value: unknown): ErrorBody | null {
  if (value && typeof value === 'object' && 'message' in value && 'statusCode' in value) return value as ErrorBody;
  return null;
}

/** `escalation.windows[0].from` → ['escalation', 'windows', 0, 'from'] (an antd Form name path). */
export function namePath(field: string): (string | number)[] {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** A character of Chinese text (CJK ideographs and full-width punctuation). */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff01-\uff60]/;

/** One bracketed group: full-width （…）, or ASCII (…) after some space or a Chinese character. */
const GROUP = /\s*（([^（）]*)）|\s*\(([^()]*)\)/g;

/**
 * The API words each message "中文（English）": the console shows the Chinese alone. A group is a gloss when it opens
 * with something other than Chinese and holds an English word; an ASCII group must hold a phrase (a space), so
 * "CSV (UTF-8)" keeps its bracket. "用户不存在（编号 3、4）" keeps its Chinese bracket too.
 */
export function stripGloss(text: string): string {
  return text
    .replace(GROUP, (whole, wide: string | undefined, ascii: string | undefined) => {
      const inner = (wide ?? ascii ?? '').trim();
      const english = inner !== '' && !CJK.test(inner[0]) && /[A-Za-z]{2,}/.test(inner);
      return english && (wide !== undefined || /\s/.test(inner)) ? '' : whole;
    })
    .trim();
}

/** The Chinese names of the fields the API names, shared by every form (a form adds or overrides its own). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  target: '目标数',
  deadline: '截止日期',
  childUnitId: '下级单位',
  holderUserId: '包村干部',
  name: '名称',
  code: '代码',
  startsOn: '开始日期',
  endsOn: '结束日期',
  dueOn: '日期',
  percent: '累计进度',
  reason: '理由',
  comment: '意见',
  userId: '人员',
  role: '职务',
  body: '所属机构',
  title: '职务名称',
  kind: '类型',
  unit: '单位',
  insuranceType: '险种',
  numeratorLabel: '分子名称',
  denominatorLabel: '分母名称',
  officeName: '办公室名称',
  file: '文件',
  date: '日期',
  value: '数值',
  username: '用户名',
  password: '密码',
  newPassword: '新密码',
  displayName: '姓名',
  phone: '手机号',
  phases: '阶段',
  milestones: '时间节点',
  members: '领导小组与办公室',
  indicators: '指标',
  settings: '设置',
  lines: '分解明细',
  windows: '截止窗口',
  visitedAt: '走访时间',
  method: '走访方式',
  outcome: '走访结果',
  proofReference: '参保凭证',
  ineligibleReason: '不符合条件的原因',
  note: '备注',
};

/**
 * A field path as the clerk reads it: `lines[2].target` → "第3行 目标数", `phases[1].endsOn` → "第2行 结束日期".
 * A segment without a label is left out (no English on screen), and so is a list's name before its row (the row
 * says where). `labels` (the form's own, by segment or by whole path) come before FIELD_LABELS.
 */
export function fieldLabel(field: string, labels: Readonly<Record<string, string>> = {}): string {
  const path = namePath(field);
  const whole = labels[field];
  if (whole) return whole;
  const words = path.map((p, i) => {
    if (typeof p === 'number') return `第${p + 1}行`;
    if (typeof path[i + 1] === 'number') return '';
    return labels[p] ?? FIELD_LABELS[p] ?? (CJK.test(p[0]) ? p : '');
  });
  return words.filter(Boolean).join(' ');
}

/** "字段：信息" for each field, the way a banner lists what no form item shows; fields without a label show their message alone. */
export function fieldLines(fields: readonly FieldError[], labels: Readonly<Record<string, string>> = {}): string {
  return fields
    .map((f) => {
      const label = fieldLabel(f.field, labels);
      return label ? `${label}：${f.message}` : f.message;
    })
    .join('；');
}

/** The API's message with each `field: ` or `field：` it names put in Chinese (the message keeps its own words around them). */
function labelFieldsIn(message: string, fields: readonly FieldError[]): string {
  let out = message;
  for (const f of [...new Set(fields.map((x) => x.field))].sort((a, b) => b.length - a.length)) {
    const label = fieldLabel(f);
    out = out
      .split(`${f}: `)
      .join(label ? `${label}：` : '')
      .split(`${f}：`)
      .join(label ? `${label}：` : '');
  }
  return out.replace(/; /g, '；');
}
