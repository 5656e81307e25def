// Seed 001: men under 45 and women under 40 are advised to join the enterprise employee pension,
// everyone else the urban-rural resident pension.
export type RecommendedScheme = 'employee_pension' | 'resident_pension';

export const EMPLOYEE_PENSION_AGE_LIMIT = { M: 45, F: 40 } as const;

/**
 * Completed years on `on` (YYYY-MM-DD). The birthday is reached when (month, day) >= the birth's,
 * so someone born on 29 February turns a year older on 1 March in a non-leap year.
 */
export function ageOn(birthDate: string, on: string): number {
  const years = +on.slice(0, 4) - +birthDate.slice(0, 4);
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function recommendScheme(sex: 'M' | 'F', birthDate: string, referenceDate: string): { age: number; scheme: RecommendedScheme } {
  const age = ageOn(birthDate, referenceDate);
  return { age, scheme: age < EMPLOYEE_PENSION_AGE_LIMIT[sex] ? 'employee_pension' : 'resident_pension' };
}

/**
 * The same rule in SQL, for list filters: `p` is the person alias, `ref` a date expression; the same
 * age (ageSql) and the same limits (EMPLOYEE_PENSION_AGE_LIMIT) as recommendScheme.
 */
export function recommendationSql(p: string, ref: string): string {
  const { M, F } = EMPLOYEE_PENSION_AGE_LIMIT;
  return `CASE WHEN ${ageSql(p, ref)} < CASE ${p}.sex WHEN 'M' THEN ${M} ELSE ${F} END THEN 'employee_pension' ELSE 'resident_pension' END`;
}

/** Age in SQL: (year difference) - 1 if the birthday ('MM-DD' text) is still ahead on `ref`, exactly as ageOn. */
export function ageSql(p: string, ref: string): string {
  return `(extract(year from ${ref})::int - extract(year from ${p}.birth_date)::int - CASE WHEN to_char(${ref}, 'MM-DD') < to_char(${p}.birth_date, 'MM-DD') THEN 1 ELSE 0 END)`;
}
