import { assertInScope, AuditService, AuthUser, DomainError, lockRollup, Page, Scope } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateOrgUnitDto, MoveOrgUnitDto, OrgUnitListQuery, UpdateOrgUnitDto } from '../dto/org-unit.dto';
import { NewOrgUnit, OrgUnit } from '../org.types';
import { TreeChange, TreeGuards } from './tree-guards';
import { OrgUnitRepository } from '../repositories/org-unit.repository';
import { ScopeService } from './scope.service';
import { auditView, ORG_UNIT_ENTITY, PlaceholderRootService } from './placeholder-root.service';

const ENTITY = ORG_UNIT_ENTITY;

@Injectable()
export class OrgUnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly guards: TreeGuards,
    private readonly units: OrgUnitRepository,
    private readonly root: PlaceholderRootService,
    private readonly scope: ScopeService,
  ) {}

  /** A unit the caller may see, or 404/403. */
  async get(user: AuthUser, id: number, m: EntityManager = this.dataSource.manager): Promise<OrgUnit> {
    const unit = await this.units.findById(m, id);
    if (!unit) throw DomainError.notFound('org unit', id);
    assertInScope(user, unit.path, `单位 ${id} 不在您所在单位的范围内（org unit ${id} is outside your organisation unit）`);
    return unit;
  }

  /** The new unit as inserted (without the table's times), or the placeholder root it took over. */
  async create(user: AuthUser, dto: CreateOrgUnitDto): Promise<NewOrgUnit> {
    return this.dataSource.transaction(async (m) => {
      let path = '/';
      let depth = 0;
      if (dto.parentId !== undefined) {
        const parent = await this.get(user, dto.parentId, m);
        path = parent.path;
        depth = parent.depth + 1;
      } else if (!user.seesAll) {
        throw DomainError.validation('parentId', '请选择上级单位：只有系统管理员可以新建顶级单位（is required: only an administrator creates a top unit）');
      } else {
        const placeholder = await this.root.slot(m);
        if (placeholder) return this.root.takeOver(m, user, placeholder, dto);
      }
      const id = await this.units.nextId(m);
      const unit: NewOrgUnit = {
        id,
        code: dto.code,
        name: dto.name,
        level: dto.level,
        parentId: dto.parentId ?? null,
        path: `${path}${id}/`,
        depth,
        active: true,
        duty: dto.duty ?? null,
      };
      await this.units.insertMany(m, [unit]);
      await this.audit.record(m, user, { action: 'create', entity: ENTITY, entityId: id, orgUnitPath: unit.path, before: null, after: auditView(unit) });
      return unit;
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateOrgUnitDto): Promise<OrgUnit> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.get(user, id, m);
      const after = { ...before, ...definedOnly(dto) };
      await this.units.updateDetails(m, id, dto);
      await this.audit.record(m, user, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        orgUnitPath: before.path,
        before: auditView(before),
        after: auditView(after),
      });
      return this.get(user, id, m);
    });
  }

  /**
   * Moves a unit under a new parent; its whole subtree moves with it (one UPDATE of the path prefix), and
   * whatever is filed under the subtree's paths follows (migration UnitPathsFollow).
   *
   * The rule (issue 12): a unit moves only when neither it nor any unit below it holds a live task of a
   * campaign that is not closed; otherwise 409 naming those tasks (campaigns' guard). Moving such a unit
   * would take its share out of the split above it: the old parent's lines would no longer add up to its
   * target, the new parent's would exceed it, and the unit's managers would lose sight of their own task.
   * The office first ends those tasks (closes the campaign, or approves a new version of the split above
   * without the unit), moves the unit, and then splits again under the new parent.
   */
  async move(user: AuthUser, id: number, dto: MoveOrgUnitDto): Promise<OrgUnit> {
    const load = async (m: EntityManager) => {
      const unit = await this.get(user, id, m);
      const parent = await this.get(user, dto.parentId, m);
      if (parent.path.startsWith(unit.path)) {
        throw DomainError.validation(
          'parentId',
          '不能把单位移到它自己或它的下级单位之下，请另选上级单位（a unit cannot move under itself or one of its descendants）',
        );
      }
      return { unit, parent };
    };
    return this.dataSource.transaction(async (m) => {
      await load(m); // a refused call stops here, before the rollup lock
      const { unit, parent } = await this.guarded(m, 'move', load);
      const newPath = `${parent.path}${unit.id}/`;
      const depthDelta = parent.depth + 1 - unit.depth;
      await this.units.moveSubtree(m, unit.path, newPath, depthDelta);
      await this.units.setParent(m, id, parent.id);
      await this.audit.record(m, user, {
        action: 'move',
        entity: ENTITY,
        entityId: id,
        orgUnitPath: newPath,
        before: { parentId: unit.parentId, path: unit.path },
        after: { parentId: parent.id, path: newPath },
      });
      return this.get(user, id, m);
    });
  }

  /** Deactivates a unit and everything below it; by the rule of move, not while the subtree holds live tasks. */
  async deactivate(user: AuthUser, id: number): Promise<{ deactivated: number }> {
    const load = async (m: EntityManager) => ({ unit: await this.get(user, id, m) });
    return this.dataSource.transaction(async (m) => {
      await load(m); // a refused call stops here, before the rollup lock
      const { unit } = await this.guarded(m, 'deactivate', load);
      // the root is the whole installation: deactivated, no user of it (admins included) could log in again
      if (unit.parentId === null) throw DomainError.conflict('根单位是整个组织树，不能停用 (the root unit cannot be deactivated)', 'id');
      const rows = await this.units.deactivateSubtree(m, unit.path);
      await this.audit.recordMany(
        m,
        user,
        rows.map((r) => ({ action: 'deactivate', entity: ENTITY, entityId: r.id, orgUnitPath: unit.path, before: { active: true }, after: { active: false } })),
      );
      return { deactivated: rows.length };
    });
  }

  /**
   * Asks the other libraries' guards before a subtree moves or goes out of service. The rollup lock comes
   * first, as in every writer of tasks (an approval takes it before inserting tasks): no task can appear
   * in the subtree between the check and the change. The units are read again under the lock (another
   * move may have changed their paths meanwhile); answers them as they are now.
   */
  private async guarded<T extends { unit: OrgUnit }>(m: EntityManager, kind: TreeChange['kind'], load: (m: EntityManager) => Promise<T>): Promise<T> {
    await lockRollup(m, 'exclusive');
    const now = await load(m);
    await this.guards.check(m, { kind, unitId: now.unit.id, unitName: now.unit.name, path: now.unit.path });
    return now;
  }

  async children(user: AuthUser, id: number): Promise<OrgUnit[]> {
    await this.get(user, id);
    return this.units.children(this.dataSource.manager, id);
  }

  /** Every unit below a unit (not the unit itself): one range scan on the path index. */
  async descendants(user: AuthUser, id: number, q: OrgUnitListQuery): Promise<Page<OrgUnit>> {
    const unit = await this.get(user, id);
    return this.search(q, this.scope.subtreeInScope(user, unit.path), unit.id);
  }

  /** Units in the caller's scope, filtered and paged. */
  async list(user: AuthUser, q: OrgUnitListQuery): Promise<Page<OrgUnit>> {
    return this.search(q, this.scope.scopeOf(user), null);
  }

  /** The chain from the top unit down to this one. */
  async ancestors(user: AuthUser, id: number): Promise<OrgUnit[]> {
    const unit = await this.get(user, id);
    const ids = unit.path.split('/').filter(Boolean).map(Number);
    const units = await this.units.byIds(this.dataSource.manager, ids);
    return units.sort((a, b) => a.depth - b.depth);
  }

  private search(q: OrgUnitListQuery, scope: Scope, excludeId: number | null): Promise<Page<OrgUnit>> {
    return this.units.search(this.dataSource.manager, q, scope, excludeId);
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
