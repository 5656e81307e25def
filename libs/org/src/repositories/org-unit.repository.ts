import { Page, pageOf, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrgUnitListQuery } from '../dto/org-unit.dto';
import { OrgUnit } from '../entities/org-unit.entity';

/** A stored unit as the tree import needs it. */
export interface KnownUnitRow {
  code: string;
  id: number;
  path: string;
  depth: number;
}

/** The root unit, and whether anything hangs below it. */
export interface RootRow {
  id: number;
  code: string;
  name: string;
  has_children: boolean;
}

export type NewOrgUnit = Omit<OrgUnit, 'createdAt' | 'updatedAt'>;

/** Every statement on org_unit. */
@Injectable()
export class OrgUnitRepository {
  /** The unit, or null. */
  findById(m: EntityManager, id: number): Promise<OrgUnit | null> {
    return m.findOne(OrgUnit, { where: { id } });
  }

  /** The unit; throws when it is gone. */
  findByIdOrFail(m: EntityManager, id: number): Promise<OrgUnit> {
    return m.findOneOrFail(OrgUnit, { where: { id } });
  }

  /** The unit's path, or undefined for an unknown id. */
  async pathOf(m: EntityManager, id: number): Promise<string | undefined> {
    return (await queryOne<{ path: string }>(m, 'SELECT path FROM org_unit WHERE id = $1', [id]))?.path;
  }

  /** The next id of the sequence (a unit's path contains its id, so it is drawn before the insert). */
  async nextId(m: EntityManager): Promise<number> {
    const [{ id }] = await queryRows<{ id: number }>(m, `SELECT nextval('org_unit_id_seq')::int AS id`);
    return id;
  }

  /** n ids of the sequence, in order. */
  async nextIds(m: EntityManager, n: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(m, `SELECT nextval('org_unit_id_seq')::int AS id FROM generate_series(1, $1)`, [n]);
    return rows.map((r) => r.id);
  }

  /** Inserts units with ids taken from the sequence beforehand (their paths contain them), in parent-first order. */
  async insertMany(m: EntityManager, units: NewOrgUnit[]): Promise<void> {
    await m.query(
      `INSERT INTO org_unit (id, code, name, level, parent_id, path, depth, active, duty)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::bool[], $9::text[])`,
      [
        units.map((u) => u.id),
        units.map((u) => u.code),
        units.map((u) => u.name),
        units.map((u) => u.level),
        units.map((u) => u.parentId),
        units.map((u) => u.path),
        units.map((u) => u.depth),
        units.map((u) => u.active),
        units.map((u) => u.duty),
      ],
    );
  }

  /** Writes the given columns of one unit. */
  async update(m: EntityManager, id: number, fields: Partial<OrgUnit>): Promise<void> {
    await m.update(OrgUnit, { id }, fields);
  }

  /** Rewrites the path prefix and depth of a whole subtree (the unit and every unit below it). */
  async moveSubtree(m: EntityManager, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
    await m.query(
      `UPDATE org_unit SET path = $2 || substr(path, length($1) + 1), depth = depth + $3, updated_at = now()
          WHERE path LIKE $1 || '%'`,
      [oldPath, newPath, depthDelta],
    );
  }

  /** Deactivates the active units of a subtree; answers their ids, in order. */
  deactivateSubtree(m: EntityManager, path: string): Promise<{ id: number }[]> {
    return queryRows<{ id: number }>(
      m,
      `WITH d AS (UPDATE org_unit SET active = false, updated_at = now() WHERE path LIKE $1 || '%' AND active RETURNING id) SELECT id FROM d ORDER BY id`,
      [path],
    );
  }

  /** The root (locked for the caller's transaction), or undefined while there is none. */
  rootForUpdate(m: EntityManager): Promise<RootRow | undefined> {
    return queryOne<RootRow>(
      m,
      `SELECT o.id, o.code, o.name, EXISTS (SELECT 1 FROM org_unit c WHERE c.parent_id = o.id) AS has_children
       FROM org_unit o WHERE o.parent_id IS NULL FOR UPDATE`,
    );
  }

  /** The stored units with one of these codes or parent codes. */
  byCodes(m: EntityManager, codes: string[], parentCodes: string[]): Promise<KnownUnitRow[]> {
    return queryRows<KnownUnitRow>(m, `SELECT code, id, path, depth FROM org_unit WHERE code = ANY($1) OR code = ANY($2)`, [codes, parentCodes]);
  }

  /** The direct children of a unit, by code. */
  children(m: EntityManager, parentId: number): Promise<OrgUnit[]> {
    return m.find(OrgUnit, { where: { parentId }, order: { code: 'ASC' } });
  }

  /** The units with these ids, in no order. */
  byIds(m: EntityManager, ids: number[]): Promise<OrgUnit[]> {
    return m.createQueryBuilder(OrgUnit, 'o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  /** A page of units under a path prefix (optionally without one unit), by depth then code, with the total. */
  async search(m: EntityManager, q: OrgUnitListQuery, prefix: string, excludeId?: number): Promise<Page<OrgUnit>> {
    const qb = m
      .createQueryBuilder(OrgUnit, 'o')
      .where(`o.path LIKE :prefix`, { prefix: `${prefix}%` })
      .orderBy('o.depth')
      .addOrderBy('o.code')
      .offset(q.offset)
      .limit(q.pageSize);
    if (excludeId !== undefined) qb.andWhere('o.id <> :excludeId', { excludeId });
    if (q.level) qb.andWhere('o.level = :level', { level: q.level });
    if (q.q) qb.andWhere('(o.name ILIKE :q OR o.code ILIKE :q)', { q: `%${q.q}%` });
    if (q.includeInactive !== 'true') qb.andWhere('o.active');
    const [items, total] = await qb.getManyAndCount();
    return pageOf(items, total, q);
  }
}
