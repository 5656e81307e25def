import { AnyErrorCode, DomainError, ErrorCode, LibraryErrorCode } from './domain-error';

/** The HTTP statuses a domain error may answer. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429;

function assertUnreachable(x: never): never {
  throw new Error(`unmapped error code ${String(x)}`);
}

/** The libraries' codes (declareErrorCodes): code → its status and the library that declared it. */
const libraryStatuses = new Map<string, { status: ErrorStatus; owner: string }>();

/**
 * The one place where domain error codes become HTTP statuses: core's codes by an exhaustive switch (a new
 * ErrorCode that is not mapped does not compile), the libraries' codes by the status each was declared with.
 */
export function httpStatusOf(code: AnyErrorCode): number {
  const declared = libraryStatuses.get(code);
  if (declared) return declared.status;
  const core = code as ErrorCode;
  switch (core) {
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
    case ErrorCode.InProgress:
      return 409;
    case ErrorCode.TooManyAttempts:
      return 429;
    default:
      return assertUnreachable(core);
  }
}

/** A library's error maker: `libraryError('CASE_CLOSED', message)` is the DomainError of a declared code; `.codes` names them. */
export interface LibraryErrors<C extends string> {
  (code: C, message: string, details?: unknown): DomainError;
  readonly codes: { readonly [K in C]: LibraryErrorCode };
}

const CORE_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Declares a library's own error codes, each with the one HTTP status it answers (so a code without a status
 * does not compile), into the mapping of httpStatusOf. The code is the `error` string of the JSON answer: it must
 * be unique across the platform, so one that is a core code or another library's stops the process as it loads.
 */
export function declareErrorCodes<const T extends Record<string, ErrorStatus>>(owner: string, statuses: T): LibraryErrors<keyof T & string> {
  const codes = {} as Record<string, LibraryErrorCode>;
  for (const [code, status] of Object.entries(statuses)) {
    const before = libraryStatuses.get(code);
    if (CORE_CODES.has(code) || (before && before.owner !== owner)) {
      throw new Error(`error code ${code} of ${owner} is already ${before ? `${before.owner}'s` : "core's"}`);
    }
    libraryStatuses.set(code, { status, owner });
    codes[code] = code as LibraryErrorCode;
  }
  const make = (code: keyof T & string, message: string, details?: unknown) => new DomainError(codes[code], message, [], details);
  return Object.assign(make, { codes: codes as { readonly [K in keyof T & string]: LibraryErrorCode } });
}
