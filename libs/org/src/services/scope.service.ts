import { AuthUser, DomainError, pathInScope } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrgUnitRepository } from '../repositories/org-unit.repository';

/** Answers "may this caller touch that unit?"; out of scope is a 403, an unknown unit a 404. */
@Injectable()
export class ScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: OrgUnitRepository,
  ) {}

  /** The path of a unit the caller may see; throws NotFound / OutOfScope. */
  async unitPathInScope(user: AuthUser, unitId: number, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const path = await this.units.pathOf(manager, unitId);
    if (path === undefined) throw DomainError.notFound('org unit', unitId);
    if (!pathInScope(user, path)) throw DomainError.outOfScope(`单位 ${unitId} 不在您所在单位的范围内（org unit ${unitId} is outside your organisation unit）`);
    return path;
  }

  /** Path prefix that bounds the caller's reads ('' for those who see all). */
  scopePrefix(user: AuthUser): string {
    return user.seesAll ? '' : user.orgUnitPath;
  }
}
