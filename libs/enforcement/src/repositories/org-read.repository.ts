import { Queryable, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';

export interface UnitRow {
  id: number;
  path: string;
  name: string;
}

/**
 * Reads of the org library's `org_unit` and `app_user` tables that its public index has no reader for yet
 * (issue 18, table ownership).
 */
@Injectable()
export class OrgReadRepository {
  /** Active district-level units at, under or above a unit path, by path. */
  districtsAround(db: Queryable, path: string): Promise<UnitRow[]> {
    return queryRows(
      db,
      `SELECT id, path, name FROM org_unit WHERE level = 'district' AND active AND (path LIKE $1 || '%' OR $1 LIKE path || '%') ORDER BY path`,
      [path],
    );
  }

  /** A unit's id and level; undefined when none. */
  unitLevel(db: Queryable, id: number): Promise<{ id: number; level: string } | undefined> {
    return queryOne(db, `SELECT id, level FROM org_unit WHERE id = $1`, [id]);
  }

  /** The active units among the given ids (any order). */
  activeUnits(db: Queryable, ids: number[]): Promise<(UnitRow & { level: string })[]> {
    return queryRows(db, `SELECT id, path, name, level FROM org_unit WHERE id = ANY($1::int[]) AND active`, [ids]);
  }

  /** The active inspectors of a department, by id. */
  inspectorsOf(db: Queryable, departmentId: number): Promise<{ id: number; display_name: string }[]> {
    return queryRows(db, `SELECT id, display_name FROM app_user WHERE active AND org_unit_id = $1 AND 'inspector' = ANY(roles) ORDER BY id`, [departmentId]);
  }

  /** The units with the given codes, by code descending. */
  unitsByCode(db: Queryable, codes: string[]): Promise<{ id: number; code: string; path: string }[]> {
    return queryRows(db, `SELECT id, code, path FROM org_unit WHERE code = ANY($1::text[]) ORDER BY code DESC`, [codes]);
  }

  /** The lowest id of a user with the role (in the unit, if given), or undefined. */
  async firstWithRole(db: Queryable, role: string, orgUnitId: number | null): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(
      db,
      `SELECT id FROM app_user WHERE $1 = ANY(roles) AND ($2::int IS NULL OR org_unit_id = $2) ORDER BY id LIMIT 1`,
      [role, orgUnitId],
    );
    return row?.id;
  }
}
