import type { components } from './schema';

export type ErrorBody = components['schemas']['ErrorResponseDto'];
export type FieldError = components['schemas']['FieldErrorDto'];

/** A failed call: the API's one error shape ({statusCode, error, message, fields}), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly body: ErrorBody | null;

  constructor(status: number, body: ErrorBody | null, fallback = '请求失败，请稍后重试') {
    super(body?.message || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error ?? (status === 0 ? 'NETWORK' : 'UNKNOWN');
    this.fields = body?.fields ?? [];
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
