// A case's checklist view: the employer's visits and its other cases, attached to the case.

export interface CaseVisit {
  visitedAt: Date;
  method: string;
  outcome: string;
  note: string | null;
  visitor: string | null;
}

export interface EarlierCase {
  id: number;
  departmentName: string;
  openedAt: Date;
  closedAt: Date | null;
  resolution: string | null;
  closeReason: string | null;
}

/** Each case with its employer's visits and the employer's cases other than itself, in the given orders. */
export function withHistory<C extends { id: number; employerId: number }>(
  cases: C[],
  visits: (CaseVisit & { employerId: number })[],
  employerCases: (EarlierCase & { employerId: number })[],
): (C & { visits: CaseVisit[]; previousCases: EarlierCase[] })[] {
  return cases.map((c) => ({
    ...c,
    visits: visits.filter((v) => v.employerId === c.employerId).map(({ employerId: _, ...v }) => v),
    previousCases: employerCases.filter((p) => p.employerId === c.employerId && p.id !== c.id).map(({ employerId: _, ...p }) => p),
  }));
}
