import { assertInScope, AuthUser, DomainError, hasRole, pageOf, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { ImportErrorListQuery } from '../dto/import-request.dto';
import { MatchListQuery } from '../dto/match.dto';
import { errorsCsv } from '../import/errors-csv';
import { ImportJobRepository, ImportJobView } from '../repositories/import-job.repository';
import { importColumns } from './import.service';

type MatchPurpose = 'roster' | 'department';

/**
 * Reads of the insured-roster imports and the departments' uploads (files and runs are ImportService's). A member
 * department's user sees only its own department's uploads, and their counts and bad rows: never the entries; the
 * office and those above see the uploads filed under their unit.
 */
@Injectable()
export class MatchUploadsService {
  constructor(private readonly importJobs: ImportJobRepository) {}

  async list(user: AuthUser, purpose: MatchPurpose, q: MatchListQuery) {
    const own = this.departmentOnly(user);
    const [items, total] = await this.importJobs.page(
      {
        pathPrefix: user.seesAll || own ? null : user.orgUnitPath,
        orgUnitId: own ? user.orgUnitId : null,
        purpose,
        campaignId: q.campaignId,
        status: q.status,
        dataKind: q.dataKind,
      },
      q,
    );
    return pageOf(items, total, q);
  }

  async get(user: AuthUser, purpose: MatchPurpose, id: string): Promise<ImportJobView> {
    const row = await this.importJobs.viewWithPath(id);
    if (!row || row.purpose !== purpose) throw DomainError.notFound('import', id);
    if (this.departmentOnly(user)) {
      if (row.orgUnitId !== user.orgUnitId) throw DomainError.forbidden('该上报记录不属于本部门（this upload is not your department’s）');
    } else assertInScope(user, String(row.org_unit_path));
    delete row.org_unit_path;
    return row;
  }

  async errors(user: AuthUser, purpose: MatchPurpose, id: string, q: ImportErrorListQuery) {
    await this.get(user, purpose, id);
    const items = await this.importJobs.errorPage(id, q);
    return pageOf(items, await this.importJobs.errorCount(id), q);
  }

  async errorsCsv(user: AuthUser, purpose: MatchPurpose, id: string): Promise<string> {
    const job = await this.get(user, purpose, id);
    return errorsCsv(importColumns(job), await this.importJobs.badRows(id));
  }

  /** A member department's staff (no office or manager role, not an admin): own department's uploads only. */
  private departmentOnly(user: AuthUser): boolean {
    return hasRole(user, Role.Department) && !hasRole(user, Role.Office, Role.UnitManager) && !user.seesAll;
  }
}
