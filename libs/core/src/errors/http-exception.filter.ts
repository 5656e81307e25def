import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode, FieldError } from './domain-error';
import { httpStatusOf } from './error-status';
import { OUTAGE_RETRY_AFTER_SECONDS, outageMessage, outageOf } from './outage';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  details?: unknown;
  errorId?: string;
  requestId?: string;
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_INVALID_TEXT = '22P02';
/**
 * PostgreSQL errors that only client input causes (a value the validation let through): a 400, never
 * a 500. The safety net behind the shared validators, which should refuse such values first.
 */
const PG_INPUT_ERRORS: Record<string, string> = {
  [PG_INVALID_TEXT]: '数值格式不正确 (a value has the wrong format)',
  '22003': '数值超出允许范围 (a number is out of range)',
  '22008': '日期或时间超出允许范围 (a date or time is out of range)',
  '22007': '日期或时间格式不正确 (a date or time has the wrong format)',
  '22001': '文字过长 (a text is too long)',
  '22021': '文字含有不允许的字符 (a text has a character that is not allowed)',
  '22P05': '文字含有不允许的字符 (a text has a character that is not allowed)',
  '2201W': '分页参数不正确 (LIMIT must not be negative)',
  '2201X': '分页参数不正确 (OFFSET must not be negative)',
  '54000': '提交的内容过多或过长 (the input is too large)',
};

/** One JSON error shape for every failure, with the request's id; a 500 carries an errorId that is also in the log. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    const requestId = (host.switchToHttp().getRequest() as { id?: unknown } | undefined)?.id;
    const body = this.toBody(exception, typeof requestId === 'string' ? requestId : undefined);
    if (typeof requestId === 'string') body.requestId = requestId;
    if (body.statusCode === 503) res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown, requestId?: string): ErrorBody {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { statusCode: httpStatusOf(exception.code), error: exception.code, message: exception.message };
      if (exception.fields.length) body.fields = exception.fields;
      if (exception.details !== undefined) body.details = exception.details;
      return body;
    }
    const outage = outageOf(exception);
    if (outage) {
      this.logger.warn(`${outage} unavailable: ${(exception as Error)?.message ?? String(exception)}`);
      return { statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: outageMessage(outage), details: { unavailable: outage } };
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; detail?: string; constraint?: string };
      if (pg.code === PG_UNIQUE_VIOLATION) {
        const field = /Key \(([^)]+)\)/.exec(pg.detail ?? '')?.[1] ?? pg.constraint ?? 'record';
        return {
          statusCode: 409,
          error: ErrorCode.Conflict,
          message: `已有 ${field} 相同的记录，不能重复（a record with the same ${field} already exists）`,
          fields: [{ field, message: '已存在相同的值（already exists）' }],
        };
      }
      if (pg.code === PG_FOREIGN_KEY_VIOLATION) {
        return {
          statusCode: 409,
          error: ErrorCode.Conflict,
          message: '该记录引用了其他记录或被其他记录引用，不能这样修改（the record refers to, or is referred to by, another record）',
        };
      }
      if (pg.code && PG_INPUT_ERRORS[pg.code]) {
        this.logger.warn(`input refused by the database, not by validation: ${pg.code} ${exception.message}`);
        return { statusCode: 400, error: ErrorCode.Validation, message: PG_INPUT_ERRORS[pg.code], details: { database: pg.code } };
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      const message = typeof r === 'string' ? r : ((r as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, error: codeForStatus(status), message: Array.isArray(message) ? message.join('; ') : String(message) };
    }
    const bodyError = requestBodyError(exception);
    if (bodyError) return bodyError;
    const errorId = randomUUID();
    this.logger.error(`unhandled error ${errorId}${requestId ? ` (request ${requestId})` : ''}: ${(exception as Error)?.stack ?? String(exception)}`);
    return {
      statusCode: 500,
      error: 'INTERNAL',
      message: `系统内部错误，反馈问题时请提供编号 ${errorId}（internal error; quote ${errorId} when reporting it）`,
      errorId,
    };
  }
}

/** Errors of body parsing and uploads (body-parser, multer) that are the client's: 400 or 413. */
function requestBodyError(exception: unknown): ErrorBody | null {
  const e = exception as { type?: string; status?: number; code?: string; name?: string; field?: string; message?: string };
  if (!e || typeof e !== 'object') return null;
  if (e.name === 'MulterError') {
    const tooLarge = e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE' || e.code === 'LIMIT_PART_COUNT' || e.code === 'LIMIT_FILE_COUNT';
    const message = tooLarge ? '上传的文件或内容过大 (upload too large)' : `上传内容不正确 (${e.message ?? e.code})`;
    const body: ErrorBody = { statusCode: tooLarge ? 413 : 400, error: tooLarge ? 'PAYLOAD_TOO_LARGE' : ErrorCode.Validation, message };
    if (e.field) body.fields = [{ field: e.field, message }];
    return body;
  }
  if (typeof e.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.status === 413) return { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大 (request body too large)' };
    return { statusCode: 400, error: ErrorCode.Validation, message: `请求内容不是有效的 JSON (${e.type})` };
  }
  return null;
}

function codeForStatus(status: number): string {
  if (status === 400) return ErrorCode.Validation;
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return ErrorCode.TooManyAttempts;
  return 'HTTP_' + status;
}
