import { assertInScope, AuthUser, DomainError, Scope } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrgUnitRepository } from '../repositories/org-unit.repository';

/** Answers "may this caller touch that unit?" and makes the Scope every bounded list takes; out of scope is a 403, an unknown unit a 404. */
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
    assertInScope(user, path, `org unit ${unitId} is outside your organisation unit`);
    return path;
  }

  /** What bounds the caller's reads: the whole tree for those who see all, else their unit's subtree. */
  scopeOf(user: AuthUser): Scope {
    return user.seesAll ? { kind: 'all' } : { kind: 'subtree', prefix: user.orgUnitPath };
  }

  /** The scope of a list: the subtree of the unit asked for (checked: NotFound / OutOfScope), else the caller's scope. */
  async listScope(user: AuthUser, unitId: number | undefined | null, manager?: EntityManager): Promise<Scope> {
    return unitId ? { kind: 'subtree', prefix: await this.unitPathInScope(user, unitId, manager) } : this.scopeOf(user);
  }

  /** The subtree under a unit path the caller may see (throws OutOfScope otherwise). */
  subtreeInScope(user: AuthUser, path: string): Scope {
    assertInScope(user, path);
    return { kind: 'subtree', prefix: path };
  }
}
