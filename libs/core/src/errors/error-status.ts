import { ErrorCode } from './domain-error';

function assertUnreachable(x: never): never {
  throw new Error(`unmapped error code ${String(x)}`);
}

/** The one place where domain error codes become HTTP statuses; a new code that is not mapped does not compile. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.Validation:
    case ErrorCode.AllocationSumMismatch:
    case ErrorCode.ImportRejected:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
    case ErrorCode.OutOfScope:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
    case ErrorCode.InvalidState:
      return 409;
    case ErrorCode.TooManyAttempts:
      return 429;
    default:
      return assertUnreachable(code);
  }
}
