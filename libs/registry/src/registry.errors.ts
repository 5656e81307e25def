import { declareErrorCodes } from '#core';

/** The registry's own refusals (issue 18: one code per state, not INVALID_STATE), each with its HTTP status. */
export const registryError = declareErrorCodes('registry', {
  /** A retry of an import that is done. */
  IMPORT_DONE: 409,
  /** A retry of an import that is running. */
  IMPORT_RUNNING: 409,
  /** A retry of an import whose job still waits to run. */
  IMPORT_QUEUED: 409,
  /** A retry of an import whose upload was deleted by the retention rule. */
  IMPORT_FILE_DELETED: 409,
  /** An assignment in a village without an active cadre. */
  NO_ACTIVE_CADRE: 409,
});
