import { declareErrorCodes } from '#core';

/** Progress's own refusals (issue 18: one code per state, not INVALID_STATE), each with its HTTP status. */
export const progressError = declareErrorCodes('progress', {
  /** A report on a task of a closed campaign. */
  CAMPAIGN_CLOSED: 409,
  /** A report on a task a later split withdrew. */
  TASK_WITHDRAWN: 409,
  /** A confirmed settlement recomputed or confirmed again. */
  SETTLEMENT_CONFIRMED: 409,
  /** A bulletin's PDF asked of a server without the CJK font it is set in (the XLSX still works). */
  PDF_FONT_MISSING: 409,
});
