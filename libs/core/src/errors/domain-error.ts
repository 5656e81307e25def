/**
 * The platform's generic errors, which any library may raise. Each code maps to one HTTP status in error-status.ts.
 * A state of a library's own that refuses an action (a closed case, a finished round) has a code of that library,
 * declared with its status in libs/<lib>/src/<lib>.errors.ts (declareErrorCodes): there is no generic invalid-state code.
 */
export enum ErrorCode {
  Validation = 'VALIDATION',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  OutOfScope = 'OUT_OF_SCOPE',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  /** The first request under the same Idempotency-Key still runs: the same request again later gets its answer (409, retry). */
  InProgress = 'IN_PROGRESS',
  AllocationSumMismatch = 'ALLOCATION_SUM_MISMATCH',
  ImportRejected = 'IMPORT_REJECTED',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
}

declare const declared: unique symbol;
/** A code a library declared with its HTTP status (declareErrorCodes in error-status.ts, the only maker of one). */
export type LibraryErrorCode = string & { readonly [declared]: true };
/** Every code a DomainError may carry. */
export type AnyErrorCode = ErrorCode | LibraryErrorCode;

export interface FieldError {
  field: string;
  message: string;
  row?: number;
}

/**
 * The clerk's name of every kind of record DomainError.notFound names, in the words of DOMAIN.md: one table, so
 * a kind without a Chinese name does not compile.
 */
export const RECORD_NAMES = {
  allocation: '分解方案',
  bulletin: '通报',
  campaign: '扩面任务',
  'cutoff run': '截止日报送',
  department: '成员单位',
  duty: '成员单位报送职责',
  employer: '用人单位',
  import: '名册导入',
  'inspection case': '检查案件',
  'inspection list': '重点检查名单',
  'inspection list entry': '重点检查名单条目',
  notice: '通知',
  'notice robot': '群机器人',
  'org unit': '单位',
  person: '扩面对象',
  probe: '探测记录',
  'reminder round': '提醒轮次',
  'reminder plan': '提醒计划',
  settlement: '结算',
  task: '任务',
  template: '通知模板',
  user: '用户',
} as const satisfies Record<string, string>;
/** A kind of record that DomainError.notFound names. */
export type RecordKind = keyof typeof RECORD_NAMES;

/** A domain error: a code, a message a clerk can read, and optionally the fields (or rows) at fault. */
export class DomainError extends Error {
  constructor(
    readonly code: AnyErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** `任务 12 不存在（task 12 does not exist）`: the record's Chinese name from RECORD_NAMES, then the English. */
  static notFound(what: RecordKind, id: unknown): DomainError {
    return new DomainError(ErrorCode.NotFound, `${RECORD_NAMES[what]} ${String(id)} 不存在（${what} ${String(id)} does not exist）`);
  }
  static validation(field: string, message: string): DomainError {
    return new DomainError(ErrorCode.Validation, `${field}: ${message}`, [{ field, message }]);
  }
  static forbidden(message = '您的角色不能执行此操作（your role does not allow this action）'): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }
  static outOfScope(message = '该记录不在您所在单位的范围内（this record is outside your organisation unit）'): DomainError {
    return new DomainError(ErrorCode.OutOfScope, message);
  }
  static conflict(message: string, field?: string): DomainError {
    return new DomainError(ErrorCode.Conflict, message, field ? [{ field, message }] : []);
  }
}
