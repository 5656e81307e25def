import { declareErrorCodes } from '#core';

/**
 * Campaigns' own refusals (issue 18: one code per state, not INVALID_STATE), each with its HTTP status; the
 * status-transition rule names the code of each refused move.
 */
export const campaignsError = declareErrorCodes('campaigns', {
  /** A campaign activated or edited that is not a draft: only a draft can be. */
  CAMPAIGN_NOT_DRAFT: 409,
  /** Targets split, or a campaign closed, in a campaign that is not active. */
  CAMPAIGN_NOT_ACTIVE: 409,
  /** A split under a task a later split withdrew. */
  PARENT_TASK_WITHDRAWN: 409,
  /** A split under a cadre's share, which is not split further. */
  CADRE_SHARE_NOT_SPLIT: 409,
  /** A split changed or submitted that is neither a draft nor rejected. */
  SPLIT_NOT_DRAFT: 409,
  /** A split approved or rejected that is not submitted. */
  SPLIT_NOT_SUBMITTED: 409,
  /** The deadline of a task from a split changed by hand (a new split version changes it). */
  DEADLINE_FROM_SPLIT: 409,
});
