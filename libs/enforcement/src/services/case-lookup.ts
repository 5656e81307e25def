import { DomainError, Queryable } from '#core';
import { CaseRow, InspectionCaseRepository, ScopedCaseRow } from '../repositories/inspection-case.repository';

/** The case with its department's and employer's paths; 404 when there is none. */
export async function loadScopedCase(cases: InspectionCaseRepository, db: Queryable, id: number): Promise<ScopedCaseRow> {
  const row = await cases.scoped(db, id);
  if (!row) throw DomainError.notFound('inspection case', id);
  return row;
}

/** The case as the API answers it (without the paths). */
export async function loadCase(cases: InspectionCaseRepository, db: Queryable, id: number): Promise<CaseRow> {
  const { departmentPath: _d, employerPath: _e, ...row } = await loadScopedCase(cases, db, id);
  return row;
}
