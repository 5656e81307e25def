import { declareErrorCodes } from '#core';

/** Outreach's own refusals (issue 18: one code per state, not INVALID_STATE), each with its HTTP status. */
export const outreachError = declareErrorCodes('outreach', {
  /** A finished reminder round started again. */
  ROUND_FINISHED: 409,
  /** Failed messages resent of a round that has not started. */
  ROUND_NOT_STARTED: 409,
});
