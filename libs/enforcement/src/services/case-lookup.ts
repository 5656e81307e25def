import { DomainError, Queryable } from '#core';
import { Injectable } from '@nestjs/common';
import { CaseRow, InspectionCaseRepository, ScopedCaseRow } from '../repositories/inspection-case.repository';

/** Finds an inspection case or answers 404. */
@Injectable()
export class CaseLookup {
  constructor(private readonly cases: InspectionCaseRepository) {}

  /** The case with its department's and employer's paths; 404 when there is none. */
  async scoped(db: Queryable, id: number): Promise<ScopedCaseRow> {
    const row = await this.cases.scoped(db, id);
    if (!row) throw DomainError.notFound('inspection case', id);
    return row;
  }

  /** The case as the API answers it (without the paths). */
  async load(db: Queryable, id: number): Promise<CaseRow> {
    const { departmentPath: _d, employerPath: _e, ...row } = await this.scoped(db, id);
    return row;
  }
}
