import { AuthUser, queryOne, Queryable, queryRows, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppUserRepository } from '../repositories/app-user.repository';
import { OrgUnitRepository } from '../repositories/org-unit.repository';

type Db = Queryable | EntityManager;

export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  path: string;
  depth: number;
}

export interface UnitPlace {
  id: number;
  path: string;
  name: string;
}

export interface KnownUnitRecord {
  id: number;
  code: string;
  path: string;
  level: string;
}

const UNIT_COLS = `id, code, name, path, depth`;

/**
 * What other libraries read of org's tables (org_unit, app_user), one row or a few at a time: every method
 * takes the caller's EntityManager (or DataSource) so it runs in the caller's transaction. Set-based joins read
 * the views org_unit_v and org_user_v instead (libs/platform/src/table-owners.ts).
 */
@Injectable()
export class OrgReader {
  // statements kept in org's repositories (no dependencies: demo code makes a reader with `new OrgReader()`)
  private readonly userRows = new AppUserRepository();
  private readonly unitRows = new OrgUnitRepository();

  /** One unit, or undefined. */
  unit(db: Db, id: number): Promise<UnitRecord | undefined> {
    return queryOne(db, `SELECT ${UNIT_COLS} FROM org_unit WHERE id = $1`, [id]);
  }

  /** The units with these ids, by code. */
  units(db: Db, ids: number[]): Promise<UnitRecord[]> {
    return queryRows(db, `SELECT ${UNIT_COLS} FROM org_unit WHERE id = ANY($1::int[]) ORDER BY code`, [ids]);
  }

  /** A unit's path, or undefined when there is no such unit. */
  async pathOf(db: Db, id: number): Promise<string | undefined> {
    return (await queryOne<{ path: string }>(db, `SELECT path FROM org_unit WHERE id = $1`, [id]))?.path;
  }

  /** The unit at a path (its id, and whether it is the root), or undefined. */
  unitAt(db: Db, path: string): Promise<{ id: number; is_root: boolean } | undefined> {
    return queryOne(db, `SELECT id, parent_id IS NULL AS is_root FROM org_unit WHERE path = $1`, [path]);
  }

  /** A unit's id and level; undefined when none. */
  unitLevel(db: Db, id: number): Promise<{ id: number; level: string } | undefined> {
    return queryOne(db, `SELECT id, level FROM org_unit WHERE id = $1`, [id]);
  }

  /** The active units among the given ids (any order). */
  activeUnits(db: Db, ids: number[]): Promise<(UnitPlace & { level: string })[]> {
    return queryRows(db, `SELECT id, path, name, level FROM org_unit WHERE id = ANY($1::int[]) AND active`, [ids]);
  }

  /** The active units of a level (id and path), by id. */
  activeUnitsAt(db: Db, level: string): Promise<{ id: number; path: string }[]> {
    return queryRows(db, `SELECT id, path FROM org_unit WHERE level = $1 AND active ORDER BY id`, [level]);
  }

  /** The units with the given codes, by code descending. */
  unitsByCode(db: Db, codes: string[]): Promise<{ id: number; code: string; path: string }[]> {
    return queryRows(db, `SELECT id, code, path FROM org_unit WHERE code = ANY($1::text[]) ORDER BY code DESC`, [codes]);
  }

  /** Active district-level units at, under or above a unit path, by path. */
  districtsAround(db: Db, path: string): Promise<UnitPlace[]> {
    return queryRows(
      db,
      `SELECT id, path, name FROM org_unit WHERE level = 'district' AND active AND (path LIKE $1 || '%' OR $1 LIKE path || '%') ORDER BY path`,
      [path],
    );
  }

  /** The lowest id of the units of a level whose code starts with `prefix`, or null. */
  async firstUnitWithCodePrefix(db: Db, level: string, prefix: string): Promise<number | null> {
    const row = await queryOne<{ id: number | null }>(db, `SELECT min(id) AS id FROM org_unit WHERE level = $1 AND code LIKE $2 || '%'`, [level, prefix]);
    return row?.id ?? null;
  }

  /** How many units the tree has. */
  async unitCount(db: Db): Promise<number> {
    return (await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM org_unit`))!.n;
  }

  /**
   * Active units under `path` of these levels, locked FOR KEY SHARE (they stay until the caller commits: what an
   * entry will reference, entries carrying no foreign keys), by code.
   */
  keptUnitsUnder(db: Db, path: string, levels: string[]): Promise<KnownUnitRecord[]> {
    return queryRows(db, `SELECT id, code, path, level FROM org_unit WHERE path LIKE $1 || '%' AND level = ANY($2) AND active ORDER BY code FOR KEY SHARE`, [
      path,
      levels,
    ]);
  }

  /** Waits for a move of the unit in flight (its row FOR SHARE), so what the caller writes next sees its new ancestors. */
  async waitForUnitMove(m: EntityManager, unitId: number): Promise<void> {
    await m.query(`SELECT 1 FROM org_unit WHERE id = $1 FOR SHARE`, [unitId]);
  }

  /** Ids of active users at these units holding any of these roles, ascending. */
  async activeWithRoles(db: Db, unitIds: number[], roles: Role[]): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT id FROM app_user WHERE active AND org_unit_id = ANY($1::int[]) AND roles && $2::text[] ORDER BY id`,
      [unitIds, roles],
    );
    return rows.map((r) => r.id);
  }

  /** The active inspectors of a department, by id. */
  inspectorsOf(db: Db, departmentId: number): Promise<{ id: number; display_name: string }[]> {
    return queryRows(db, `SELECT id, display_name FROM app_user WHERE active AND org_unit_id = $1 AND 'inspector' = ANY(roles) ORDER BY id`, [departmentId]);
  }

  /** The lowest id of a user with the role (in the unit, if given), or undefined. */
  async firstWithRole(db: Db, role: string, orgUnitId: number | null): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(
      db,
      `SELECT id FROM app_user WHERE $1 = ANY(roles) AND ($2::int IS NULL OR org_unit_id = $2) ORDER BY id LIMIT 1`,
      [role, orgUnitId],
    );
    return row?.id;
  }

  /** A user's id by username, or undefined. */
  async userIdByUsername(db: Db, username: string): Promise<number | undefined> {
    return (await queryOne<{ id: number }>(db, `SELECT id FROM app_user WHERE username = $1`, [username]))?.id;
  }

  /** The active cadres of a unit, by id, locked FOR KEY SHARE (they stay until the caller commits). */
  async keptCadresOf(m: EntityManager, unitId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      m,
      `SELECT id FROM app_user WHERE org_unit_id = $1 AND active AND 'cadre' = ANY(roles) ORDER BY id FOR KEY SHARE`,
      [unitId],
    );
    return rows.map((r) => r.id);
  }

  /** An active cadre and their unit, locked FOR KEY SHARE; undefined if the user is not an active cadre. */
  keptActiveCadre(m: EntityManager, userId: number | undefined): Promise<{ id: number; org_unit_id: number } | undefined> {
    return queryOne(m, `SELECT id, org_unit_id FROM app_user u WHERE id = $1 AND active AND 'cadre' = ANY(roles) FOR KEY SHARE`, [userId]);
  }

  /** A user as an audit actor for work done on their behalf (an import in the worker); null if none. */
  async actor(db: Db, userId: number | null): Promise<AuthUser | null> {
    if (userId === null || userId === undefined) return null;
    const u = await queryOne<{ id: number; username: string; roles: string[]; orgUnitId: number; path: string }>(
      db,
      `SELECT u.id, u.username, u.roles, u.org_unit_id AS "orgUnitId", o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [userId],
    );
    if (!u) return null;
    return { id: u.id, username: u.username, roles: u.roles as Role[], orgUnitId: u.orgUnitId, orgUnitPath: u.path, seesAll: false };
  }

  /** Which of the user ids exist. */
  existingUserIds(db: Db, ids: number[]): Promise<number[]> {
    return this.userRows.existingIds(db, ids);
  }

  /** The users among the ids that exist, with their unit's path, roles and whether they are active. */
  usersWithUnit(db: Db, ids: number[]): Promise<{ id: number; path: string; roles: string[]; active: boolean }[]> {
    return this.userRows.withUnitPath(db, ids);
  }

  /** The ids of the unit's children other than agencies, by path. */
  childUnitIds(db: Db, unitId: number): Promise<number[]> {
    return this.unitRows.childIdsButAgencies(db, unitId);
  }
}
