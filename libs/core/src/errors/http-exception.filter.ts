import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode, FieldError } from './domain-error';
import { httpStatusOf } from './error-status';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  details?: unknown;
  errorId?: string;
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_INVALID_TEXT = '22P02';

/** One JSON error shape for every failure; a 500 carries an errorId that is also in the log. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    const body = this.toBody(exception);
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { statusCode: httpStatusOf(exception.code), error: exception.code, message: exception.message };
      if (exception.fields.length) body.fields = exception.fields;
      if (exception.details !== undefined) body.details = exception.details;
      return body;
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; detail?: string; constraint?: string };
      if (pg.code === PG_UNIQUE_VIOLATION) {
        const field = /Key \(([^)]+)\)/.exec(pg.detail ?? '')?.[1] ?? pg.constraint ?? 'record';
        return {
          statusCode: 409,
          error: ErrorCode.Conflict,
          message: `a record with the same ${field} already exists`,
          fields: [{ field, message: 'already exists' }],
        };
      }
      if (pg.code === PG_FOREIGN_KEY_VIOLATION) {
        return { statusCode: 409, error: ErrorCode.Conflict, message: 'the record refers to, or is referred to by, another record' };
      }
      if (pg.code === PG_INVALID_TEXT) {
        return { statusCode: 400, error: ErrorCode.Validation, message: 'a value has the wrong format' };
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      const message = typeof r === 'string' ? r : ((r as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, error: codeForStatus(status), message: Array.isArray(message) ? message.join('; ') : String(message) };
    }
    const errorId = randomUUID();
    this.logger.error(`unhandled error ${errorId}: ${(exception as Error)?.stack ?? String(exception)}`);
    return { statusCode: 500, error: 'INTERNAL', message: `internal error; quote ${errorId} when reporting it`, errorId };
  }
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
