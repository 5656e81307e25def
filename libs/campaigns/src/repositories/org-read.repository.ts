import { Queryable, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';

/**
 * Reads of the org library's `org_unit` and `app_user` tables that its public index has no reader for yet
 * (issue 18, table ownership).
 */
@Injectable()
export class OrgReadRepository {
  /** Which of the user ids exist. */
  async existingUserIds(db: Queryable, ids: number[]): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(db, `SELECT id FROM org_user_v WHERE id = ANY($1::int[])`, [ids]);
    return rows.map((r) => r.id);
  }

  /** The units among the ids that exist: id and path. */
  units(db: Queryable, ids: number[]): Promise<{ id: number; path: string }[]> {
    return queryRows(db, `SELECT id, path FROM org_unit_v WHERE id = ANY($1::int[])`, [ids]);
  }

  /** The users among the ids that exist, with their unit's path, roles and whether they are active. */
  usersWithUnit(db: Queryable, ids: number[]): Promise<{ id: number; path: string; roles: string[]; active: boolean }[]> {
    return queryRows(db, `SELECT a.id, o.path, a.roles, a.active FROM org_user_v a JOIN org_unit_v o ON o.id = a.org_unit_id WHERE a.id = ANY($1::int[])`, [
      ids,
    ]);
  }

  /** A unit's path, or undefined. */
  unitPath(db: Queryable, id: number): Promise<{ path: string } | undefined> {
    return queryOne(db, `SELECT path FROM org_unit_v WHERE id = $1`, [id]);
  }

  /** The demo city's unit (code YB), or undefined. */
  demoCity(db: Queryable): Promise<{ id: number } | undefined> {
    return queryOne(db, `SELECT id FROM org_unit_v WHERE code = 'YB'`);
  }

  /** The demo's campaign people (leader, deputy, member, office) that exist: id and username. */
  demoCampaignUsers(db: Queryable): Promise<{ id: number; username: string }[]> {
    return queryRows(db, `SELECT id, username FROM org_user_v WHERE username IN ('leader','deputy','member','office')`);
  }

  /** The unit's children other than agencies, by path: their ids. */
  async childUnitIds(db: Queryable, unitId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(db, `SELECT id FROM org_unit_v WHERE parent_id = $1 AND level <> 'agency' ORDER BY path`, [unitId]);
    return rows.map((r) => r.id);
  }
}
