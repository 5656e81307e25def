import { DomainError, ErrorCode } from './domain-error';
import { declareErrorCodes, httpStatusOf } from './error-status';

describe('httpStatusOf', () => {
  it("maps core's codes", () => {
    expect(httpStatusOf(ErrorCode.Validation)).toBe(400);
    expect(httpStatusOf(ErrorCode.OutOfScope)).toBe(403);
    expect(httpStatusOf(ErrorCode.Conflict)).toBe(409);
    expect(httpStatusOf(ErrorCode.TooManyAttempts)).toBe(429);
  });

  it("maps a library's codes to the status each was declared with, and makes their errors", () => {
    const shipError = declareErrorCodes('spec-ships', { SHIP_SUNK: 409, SHIP_AWAY: 404 });
    const e = shipError('SHIP_SUNK', 'ship 3 sank');
    expect(e).toBeInstanceOf(DomainError);
    expect([e.code, e.message, e.fields]).toEqual(['SHIP_SUNK', 'ship 3 sank', []]);
    expect(e.code).toBe(shipError.codes.SHIP_SUNK);
    expect(httpStatusOf(e.code)).toBe(409);
    expect(httpStatusOf(shipError.codes.SHIP_AWAY)).toBe(404);
    expect(shipError('SHIP_AWAY', 'x', { at: 'sea' }).details).toEqual({ at: 'sea' });
  });

  it("refuses a code that is core's or another library's: the `error` string names one state", () => {
    declareErrorCodes('spec-a', { SPEC_TAKEN: 409 });
    expect(() => declareErrorCodes('spec-b', { SPEC_TAKEN: 409 })).toThrow("error code SPEC_TAKEN of spec-b is already spec-a's");
    expect(() => declareErrorCodes('spec-b', { NOT_FOUND: 404 })).toThrow("error code NOT_FOUND of spec-b is already core's");
    // the same library loaded again (a test's fresh module registry) declares its codes again
    expect(() => declareErrorCodes('spec-a', { SPEC_TAKEN: 409 })).not.toThrow();
  });
});
