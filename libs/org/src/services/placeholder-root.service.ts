import { AuditService, AuthUser, DomainError } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrgLevel, OrgUnit } from '../org.types';
import { OrgUnitRepository } from '../repositories/org-unit.repository';
import { isUntouchedPlaceholder, secondRootMessage } from '../rules/root';

/** The audit log's entity name of units. */
export const ORG_UNIT_ENTITY = 'org_unit';

export interface PlaceholderRow {
  id: number;
  code: string;
  name: string;
}

/** What the audit log shows of a unit. */
export function auditView(u: Partial<OrgUnit>): object {
  return { code: u.code, name: u.name, level: u.level, parentId: u.parentId, active: u.active, duty: u.duty };
}

/** The one root of the tree: where a new top unit may go, and the placeholder root it takes over (create and import alike). */
@Injectable()
export class PlaceholderRootService {
  constructor(
    private readonly audit: AuditService,
    private readonly units: OrgUnitRepository,
  ) {}

  /**
   * Where a new top unit may go: null when there is no root yet, the untouched placeholder root it
   * takes over, or a 409 when the installation has its tree (one root, index org_unit_one_root).
   */
  async slot(m: EntityManager): Promise<PlaceholderRow | null> {
    const root = await this.units.rootForUpdate(m);
    if (!root) return null;
    if (isUntouchedPlaceholder({ code: root.code, name: root.name, hasChildren: root.has_children })) return root;
    throw DomainError.conflict(secondRootMessage(root), 'parentId');
  }

  /** The first top unit takes over the placeholder root's row: same id and path, so users placed there stay valid. */
  async takeOver(
    m: EntityManager,
    user: AuthUser,
    placeholder: PlaceholderRow,
    dto: { code: string; name: string; level: OrgLevel; duty?: string | null },
  ): Promise<OrgUnit> {
    const before = await this.units.findByIdOrFail(m, placeholder.id);
    await this.units.replaceRoot(m, placeholder.id, { code: dto.code, name: dto.name, level: dto.level, duty: dto.duty ?? null });
    const after = await this.units.findByIdOrFail(m, placeholder.id);
    await this.audit.record(m, user, {
      action: 'replace_placeholder_root',
      entity: ORG_UNIT_ENTITY,
      entityId: placeholder.id,
      orgUnitPath: after.path,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  }
}
