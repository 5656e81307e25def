import { declareErrorCodes } from '#core';

/** Enforcement's own refusals (issue 18: one code per state, not INVALID_STATE), each with its HTTP status. */
export const enforcementError = declareErrorCodes('enforcement', {
  /** A cutoff run asked for before its instant (17:00 on its day). */
  CUTOFF_NOT_DUE: 409,
  /** An inspection list compiled for a cutoff no district has submitted for. */
  NO_SUBMISSIONS: 409,
  /** An inspection list changed or dispatched once it was dispatched. */
  LIST_DISPATCHED: 409,
  /** A list entry removed twice. */
  ENTRY_REMOVED: 409,
  /** An inspection case changed once it was closed. */
  CASE_CLOSED: 409,
  /** A case assigned to a department without an active inspector. */
  NO_ACTIVE_INSPECTOR: 409,
});
