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

  static notFound(what: string, id: unknown): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} ${String(id)} does not exist`);
  }
  static validation(field: string, message: string): DomainError {
    return new DomainError(ErrorCode.Validation, `${field}: ${message}`, [{ field, message }]);
  }
  static forbidden(message = 'your role does not allow this action'): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }
  static outOfScope(message = 'this record is outside your organisation unit'): DomainError {
    return new DomainError(ErrorCode.OutOfScope, message);
  }
  static conflict(message: string, field?: string): DomainError {
    return new DomainError(ErrorCode.Conflict, message, field ? [{ field, message }] : []);
  }
}
