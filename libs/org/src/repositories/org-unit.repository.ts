import { orderBySql, Page, pageOf, queryOne, Queryable, queryRows, rankSql, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrgUnitListQuery, OrgUnitSort } from '../dto/org-unit.dto';
import { NewOrgUnit, ORG_LEVELS, OrgLevel, OrgUnit } from '../org.types';

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

// a unit as OrgUnit, in the order the API answers the fields
const UNIT_COLUMNS = `o.id, o.code, o.name, o.level, o.parent_id AS "parentId", o.path, o.depth, o.active, o.duty, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

// the units in a scope ($1), but one ($2), of a level ($3), matching a text ($4), active unless inactive ones are asked for ($5)
const SEARCH_FROM = `FROM org_unit o
  WHERE ${scopeSql('o.path', 1)} AND ($2::int IS NULL OR o.id <> $2::int) AND ($3::text IS NULL OR o.level = $3::text)
    AND ($4::text IS NULL OR o.name ILIKE $4::text OR o.code ILIKE $4::text) AND ($5::boolean OR o.active)`;

// the list's sort keys and the columns they order by (code is unique: the last tiebreak)
const UNIT_ORDER: Record<OrgUnitSort, string> = {
  name: 'o.name',
  code: 'o.code',
  level: rankSql('o.level', ORG_LEVELS),
  depth: 'o.depth',
  createdAt: 'o.created_at',
};

type Db = Queryable | EntityManager;

/** A unit as other libraries read it (OrgReader). */
export interface UnitRecordRow {
  id: number;
  code: string;
  name: string;
  path: string;
  depth: number;
  level: string;
}

// a unit as UnitRecordRow
const RECORD_COLUMNS = `id, code, name, path, depth, level`;

/** Every statement on org_unit. */
@Injectable()
export class OrgUnitRepository {
  /** The unit, or null. */
  async findById(m: EntityManager, id: number): Promise<OrgUnit | null> {
    return (await queryOne<OrgUnit>(m, `SELECT ${UNIT_COLUMNS} FROM org_unit o WHERE o.id = $1`, [id])) ?? null;
  }

  /** The unit; throws when it is gone. */
  async findByIdOrFail(m: EntityManager, id: number): Promise<OrgUnit> {
    const unit = await this.findById(m, id);
    if (!unit) throw new Error(`org unit ${id} does not exist`);
    return unit;
  }

  /** The unit's path, or undefined for an unknown id. */
  async pathOf(m: Db, id: number): Promise<string | undefined> {
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

  /** Inserts one active unit under the unit with `parentCode` (at the top when null), drawing its id; the demo's way. */
  async insertUnderCode(m: EntityManager, u: { code: string; name: string; level: string; parentCode: string | null; duty: string | null }): Promise<void> {
    await m.query(
      `WITH p AS (SELECT id, path, depth FROM org_unit WHERE code = $4), n AS (SELECT nextval('org_unit_id_seq')::int AS id)
       INSERT INTO org_unit (id, code, name, level, parent_id, path, depth, duty)
       SELECT n.id, $1, $2, $3, p.id, coalesce(p.path, '/') || n.id || '/', coalesce(p.depth + 1, 0), $5 FROM n LEFT JOIN p ON true`,
      [u.code, u.name, u.level, u.parentCode, u.duty],
    );
  }

  /** Writes a unit's name and duty, each when given (undefined keeps it; a null duty clears it). */
  async updateDetails(m: EntityManager, id: number, fields: { name?: string; duty?: string | null }): Promise<void> {
    await m.query(
      `UPDATE org_unit SET name = CASE WHEN $2::boolean THEN $3::text ELSE name END, duty = CASE WHEN $4::boolean THEN $5::text ELSE duty END, updated_at = now()
        WHERE id = $1`,
      [id, fields.name !== undefined, fields.name ?? null, fields.duty !== undefined, fields.duty ?? null],
    );
  }

  /** Hangs a unit under another parent (its path: moveSubtree). */
  async setParent(m: EntityManager, id: number, parentId: number): Promise<void> {
    await m.query(`UPDATE org_unit SET parent_id = $2, updated_at = now() WHERE id = $1`, [id, parentId]);
  }

  /** Gives the placeholder root the first top unit's code, name, level and duty (active again). */
  async replaceRoot(m: EntityManager, id: number, unit: { code: string; name: string; level: OrgLevel; duty: string | null }): Promise<void> {
    await m.query(`UPDATE org_unit SET code = $2, name = $3, level = $4, duty = $5, active = true, updated_at = now() WHERE id = $1`, [
      id,
      unit.code,
      unit.name,
      unit.level,
      unit.duty,
    ]);
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
    return queryRows<OrgUnit>(m, `SELECT ${UNIT_COLUMNS} FROM org_unit o WHERE o.parent_id = $1 ORDER BY o.code`, [parentId]);
  }

  /** The units with these ids, in no order. */
  byIds(m: EntityManager, ids: number[]): Promise<OrgUnit[]> {
    return queryRows<OrgUnit>(m, `SELECT ${UNIT_COLUMNS} FROM org_unit o WHERE o.id = ANY($1::int[])`, [ids]);
  }

  /** A page of the units in the scope (without one unit, when given), in the asked order (by depth then code by default), with the total. */
  async search(m: EntityManager, q: OrgUnitListQuery, scope: Scope, excludeId: number | null): Promise<Page<OrgUnit>> {
    const filter = [scopeParam(scope), excludeId, q.level || null, q.q ? `%${q.q}%` : null, q.includeInactive === 'true'];
    const items = await queryRows<OrgUnit>(m, `SELECT ${UNIT_COLUMNS} ${SEARCH_FROM} ${orderBySql(q, UNIT_ORDER, 'o.depth, o.code')} LIMIT $6 OFFSET $7`, [
      ...filter,
      q.pageSize,
      q.offset,
    ]);
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n ${SEARCH_FROM}`, filter);
    return pageOf(items, n, q);
  }

  /** The ids of the unit's children other than agencies, by path. */
  async childIdsButAgencies(db: Queryable | EntityManager, unitId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(db, `SELECT id FROM org_unit WHERE parent_id = $1 AND level <> 'agency' ORDER BY path`, [unitId]);
    return rows.map((r) => r.id);
  }

  // what OrgReader answers other libraries: each takes the caller's EntityManager or the DataSource

  /** The units with these ids as records, by code; with `activeOnly`, the active ones only. */
  records(db: Db, ids: number[], activeOnly = false): Promise<UnitRecordRow[]> {
    return queryRows(db, `SELECT ${RECORD_COLUMNS} FROM org_unit WHERE id = ANY($1::int[]) AND ($2::bool IS FALSE OR active) ORDER BY code`, [ids, activeOnly]);
  }

  /** The unit at a path (its id, and whether it is the root), or undefined. */
  atPath(db: Db, path: string): Promise<{ id: number; is_root: boolean } | undefined> {
    return queryOne(db, `SELECT id, parent_id IS NULL AS is_root FROM org_unit WHERE path = $1`, [path]);
  }

  /** The active units of a level (id and path), by id. */
  activeAtLevel(db: Db, level: string): Promise<{ id: number; path: string }[]> {
    return queryRows(db, `SELECT id, path FROM org_unit WHERE level = $1 AND active ORDER BY id`, [level]);
  }

  /** The units with the given codes (id, code, path), by code descending. */
  withCodes(db: Db, codes: string[]): Promise<{ id: number; code: string; path: string }[]> {
    return queryRows(db, `SELECT id, code, path FROM org_unit WHERE code = ANY($1::text[]) ORDER BY code DESC`, [codes]);
  }

  /** Active district-level units at, under or above a unit path (id, path, name), by path. */
  districtsAround(db: Db, path: string): Promise<{ id: number; path: string; name: string }[]> {
    return queryRows(
      db,
      `SELECT id, path, name FROM org_unit WHERE level = 'district' AND active AND (path LIKE $1 || '%' OR $1 LIKE path || '%') ORDER BY path`,
      [path],
    );
  }

  /** The lowest id of the units of a level whose code starts with `prefix`, or null. */
  async firstWithCodePrefix(db: Db, level: string, prefix: string): Promise<number | null> {
    const row = await queryOne<{ id: number | null }>(db, `SELECT min(id) AS id FROM org_unit WHERE level = $1 AND code LIKE $2 || '%'`, [level, prefix]);
    return row?.id ?? null;
  }

  /** How many units the tree has. */
  async count(db: Db): Promise<number> {
    return (await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM org_unit`))!.n;
  }

  /** Active units under `path` of these levels (id, code, path, level), locked FOR KEY SHARE, by code. */
  keptUnder(db: Db, path: string, levels: string[]): Promise<{ id: number; code: string; path: string; level: string }[]> {
    return queryRows(db, `SELECT id, code, path, level FROM org_unit WHERE path LIKE $1 || '%' AND level = ANY($2) AND active ORDER BY code FOR KEY SHARE`, [
      path,
      levels,
    ]);
  }

  /** Takes the unit's row FOR SHARE (waits for a move in flight); answers nothing. */
  async shareLock(m: EntityManager, id: number): Promise<void> {
    await m.query(`SELECT 1 FROM org_unit WHERE id = $1 FOR SHARE`, [id]);
  }
}
