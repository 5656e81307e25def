// Issue 16 point 4 (seeds 001 and 003): hardship groups whose resident pension contribution the government pays.

/** The groups of seed 003 (低收入人员、低保对象、特困人员、重度残疾人) and seed 001, plus 其他 for a list's other rows. */
export const HARDSHIP_CATEGORIES = ['minimum_living', 'extreme_poverty', 'severe_disability', 'low_income', 'other'] as const;
export type HardshipCategory = (typeof HARDSHIP_CATEGORIES)[number];

export const HARDSHIP_CATEGORY_LABELS: Record<HardshipCategory, string> = {
  minimum_living: '低保对象',
  extreme_poverty: '特困人员',
  severe_disability: '重度残疾人员',
  low_income: '低收入人员',
  other: '其他',
};

/**
 * Seed 003 (三年提升行动, 3.): the government pays "最低档次（100元/年）" of the resident pension for these groups:
 * the amount of a payment recorded without one.
 */
export const LOWEST_TIER_YUAN = '100.00';

/** Seed 001: residents aged 60 and over (60周岁以上) draw the resident pension; a benefit is recorded only for them. */
export const PENSION_AGE = 60;

/** A person's state in the list filter: not registered; registered, not yet paid for; paid for; drawing the benefit. */
export const HARDSHIP_STATES = ['unregistered', 'unpaid', 'paid', 'receiving'] as const;
export type HardshipState = (typeof HARDSHIP_STATES)[number];
