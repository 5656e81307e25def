import { AuditService, AuthUser, DomainError, ErrorCode, lockRollup, Page, pathInScope } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateOrgUnitDto, MoveOrgUnitDto, OrgUnitListQuery, UpdateOrgUnitDto } from '../dto/org-unit.dto';
import { OrgUnit } from '../entities/org-unit.entity';
import { readTreeFile } from '../import/tree-file';
import { isUntouchedPlaceholder, secondRootMessage } from '../rules/root';
import { validateTree } from '../rules/tree-import';
import { TreeChange, TreeGuards } from './tree-guards';
import { OrgUnitRepository } from '../repositories/org-unit.repository';

const ENTITY = 'org_unit';

@Injectable()
export class OrgUnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly guards: TreeGuards,
    private readonly units: OrgUnitRepository,
  ) {}

  /** A unit the caller may see, or 404/403. */
  async get(user: AuthUser, id: number, m: EntityManager = this.dataSource.manager): Promise<OrgUnit> {
    const unit = await this.units.findById(m, id);
    if (!unit) throw DomainError.notFound('org unit', id);
    if (!pathInScope(user, unit.path)) throw DomainError.outOfScope(`org unit ${id} is outside your organisation unit`);
    return unit;
  }

  async create(user: AuthUser, dto: CreateOrgUnitDto): Promise<OrgUnit> {
    return this.dataSource.transaction(async (m) => {
      let path = '/';
      let depth = 0;
      if (dto.parentId !== undefined) {
        const parent = await this.get(user, dto.parentId, m);
        path = parent.path;
        depth = parent.depth + 1;
      } else if (!user.seesAll) {
        throw DomainError.validation('parentId', 'is required: only an administrator creates a top unit');
      } else {
        const placeholder = await this.rootSlot(m);
        if (placeholder) return this.replacePlaceholder(m, user, placeholder, dto);
      }
      const id = await this.units.nextId(m);
      const unit = m.create(OrgUnit, {
        id,
        code: dto.code,
        name: dto.name,
        level: dto.level,
        parentId: dto.parentId ?? null,
        path: `${path}${id}/`,
        depth,
        active: true,
        duty: dto.duty ?? null,
      });
      await this.units.insertMany(m, [unit]);
      await this.audit.record(m, user, { action: 'create', entity: ENTITY, entityId: id, orgUnitPath: unit.path, before: null, after: pick(unit) });
      return unit;
    });
  }

  /** The first top unit takes over the placeholder root's row: same id and path, so users placed there stay valid. */
  private async replacePlaceholder(
    m: EntityManager,
    user: AuthUser,
    placeholder: PlaceholderRow,
    dto: { code: string; name: string; level: OrgUnit['level']; duty?: string | null },
  ): Promise<OrgUnit> {
    const before = await this.units.findByIdOrFail(m, placeholder.id);
    await this.units.update(m, placeholder.id, { code: dto.code, name: dto.name, level: dto.level, duty: dto.duty ?? null, active: true });
    const after = await this.units.findByIdOrFail(m, placeholder.id);
    await this.audit.record(m, user, {
      action: 'replace_placeholder_root',
      entity: ENTITY,
      entityId: placeholder.id,
      orgUnitPath: after.path,
      before: pick(before),
      after: pick(after),
    });
    return after;
  }

  async update(user: AuthUser, id: number, dto: UpdateOrgUnitDto): Promise<OrgUnit> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.get(user, id, m);
      const after = { ...before, ...definedOnly(dto) };
      await this.units.update(m, id, definedOnly(dto));
      await this.audit.record(m, user, { action: 'update', entity: ENTITY, entityId: id, orgUnitPath: before.path, before: pick(before), after: pick(after) });
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
        throw DomainError.validation('parentId', 'a unit cannot move under itself or one of its descendants');
      }
      return { unit, parent };
    };
    return this.dataSource.transaction(async (m) => {
      await load(m); // a refused call stops here, before the rollup lock
      const { unit, parent } = await this.guarded(m, 'move', load);
      const newPath = `${parent.path}${unit.id}/`;
      const depthDelta = parent.depth + 1 - unit.depth;
      await this.units.moveSubtree(m, unit.path, newPath, depthDelta);
      await this.units.update(m, id, { parentId: parent.id });
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
    return this.search(q, unit.path, unit.id);
  }

  /** Units in the caller's scope, filtered and paged. */
  async list(user: AuthUser, q: OrgUnitListQuery): Promise<Page<OrgUnit>> {
    return this.search(q, user.seesAll ? '/' : user.orgUnitPath);
  }

  /** The chain from the top unit down to this one. */
  async ancestors(user: AuthUser, id: number): Promise<OrgUnit[]> {
    const unit = await this.get(user, id);
    const ids = unit.path.split('/').filter(Boolean).map(Number);
    const units = await this.units.byIds(this.dataSource.manager, ids);
    return units.sort((a, b) => a.depth - b.depth);
  }

  private search(q: OrgUnitListQuery, prefix: string, excludeId?: number): Promise<Page<OrgUnit>> {
    return this.units.search(this.dataSource.manager, q, prefix, excludeId);
  }

  /**
   * Imports a tree file in one transaction: every row is checked first; any bad row means nothing
   * is written and every bad row is reported with its row number. It only adds units (a code already
   * stored is refused): no existing unit changes parent, so no split changes and the rule of move has
   * nothing to check.
   */
  async importTree(user: AuthUser, buffer: Buffer, filename: string): Promise<{ created: number }> {
    const rows = await readTreeFile(buffer, filename);
    return this.dataSource.transaction(async (m) => {
      const known = await this.units.byCodes(
        m,
        rows.map((r) => r.code),
        rows.map((r) => r.parentCode),
      );
      const stored = new Map(known.map((k) => [k.code, k]));
      const { errors, ordered } = validateTree(rows, new Set(stored.keys()));
      const tops = ordered.filter((r) => !r.parentCode).sort((a, b) => a.row - b.row);
      for (const r of tops.slice(1))
        errors.push({ row: r.row, field: 'parent_code', message: `一个系统只能有一个顶级单位，第 ${tops[0].row} 行已是顶级单位：请填写上级编码` });
      for (const r of ordered) {
        const parent = stored.get(r.parentCode);
        if (parent && !pathInScope(user, parent.path))
          errors.push({ row: r.row, field: 'parent_code', message: `parent ${r.parentCode} is outside your organisation unit` });
        if (!r.parentCode && !user.seesAll) errors.push({ row: r.row, field: 'parent_code', message: 'only an administrator may import a top unit' });
      }
      // a file with a top unit is refused (409) when the installation already has its tree
      const placeholder = tops.length && user.seesAll ? await this.rootSlot(m) : null;
      if (errors.length) {
        errors.sort((a, b) => a.row - b.row);
        throw new DomainError(ErrorCode.ImportRejected, `${errors.length} row(s) are wrong; nothing was imported`, errors);
      }
      const ids = await this.units.nextIds(m, ordered.length);
      const placed = new Map<string, { id: number; path: string; depth: number }>(stored);
      const values = ordered.map((r, i) => {
        const id = placeholder && !r.parentCode ? placeholder.id : ids[i];
        const parent = r.parentCode ? placed.get(r.parentCode)! : undefined;
        const node = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
        placed.set(r.code, node);
        return { ...node, code: r.code, name: r.name, level: r.level as OrgUnit['level'], parentId: parent?.id ?? null, active: true, duty: null };
      });
      const top = placeholder ? values.find((v) => v.id === placeholder.id) : undefined;
      if (placeholder && top) await this.replacePlaceholder(m, user, placeholder, top);
      await this.units.insertMany(
        m,
        values.filter((v) => v !== top),
      );
      await this.audit.record(m, user, {
        action: 'import',
        entity: ENTITY,
        entityId: 'tree',
        orgUnitPath: user.orgUnitPath,
        after: { file: filename, created: values.length },
      });
      return { created: values.length };
    });
  }

  /**
   * Where a new top unit may go: null when there is no root yet, the untouched placeholder root it
   * takes over, or a 409 when the installation has its tree (one root, index org_unit_one_root).
   */
  private async rootSlot(m: EntityManager): Promise<PlaceholderRow | null> {
    const root = await this.units.rootForUpdate(m);
    if (!root) return null;
    if (isUntouchedPlaceholder({ code: root.code, name: root.name, hasChildren: root.has_children })) return root;
    throw DomainError.conflict(secondRootMessage(root), 'parentId');
  }
}

interface PlaceholderRow {
  id: number;
  code: string;
  name: string;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function pick(u: Partial<OrgUnit>): object {
  return { code: u.code, name: u.name, level: u.level, parentId: u.parentId, active: u.active, duty: u.duty };
}
