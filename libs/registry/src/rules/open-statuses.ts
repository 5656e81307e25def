/**
 * An entry still to be worked: not visited yet, promised, refused or not reached. Only such an entry is closed by
 * the insured roster (as enrolled) or by civil affairs' death records (as deceased); an entry already closed by a
 * visit (enrolled, insured elsewhere, moved away, not eligible, deceased, deregistered ...) keeps its outcome.
 */
export const OPEN_STATUSES = ['pending', 'will_enrol', 'refused', 'unreachable'] as const;
