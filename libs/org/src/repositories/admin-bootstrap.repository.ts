import { queryOne, Queryable } from '#core';

/** The first start's rows: the tree's one root (a placeholder while there is no tree) and the admin user. */
export class AdminBootstrapRepository {
  /** Whether a user named admin exists. */
  async adminExists(db: Queryable): Promise<boolean> {
    return (await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM app_user WHERE username = 'admin'`))!.n > 0;
  }

  /** The id of the one unit without a parent (index org_unit_one_root), or undefined. */
  async rootId(db: Queryable): Promise<number | undefined> {
    return (await queryOne<{ id: number }>(db, `SELECT id FROM org_unit WHERE parent_id IS NULL`))?.id;
  }

  /** Inserts a root unit (its path from its own id); answers its id. */
  async insertRoot(db: Queryable, unit: { code: string; name: string; level: string }): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO org_unit (id, code, name, level, path, depth) SELECT v, $1, $2, $3, '/' || v || '/', 0 FROM nextval('org_unit_id_seq') v RETURNING id`,
      [unit.code, unit.name, unit.level],
    );
    return row!.id;
  }

  /** Inserts the admin user at a unit unless one exists (nothing answered). */
  async insertAdmin(db: Queryable, a: { orgUnitId: number; roles: string[]; passwordHash: string; mustChangePassword: boolean }): Promise<void> {
    await db.query(
      `INSERT INTO app_user (username, display_name, org_unit_id, roles, password_hash, must_change_password)
       VALUES ('admin', '系统管理员', $1, $2, $3, $4) ON CONFLICT (username) DO NOTHING`,
      [a.orgUnitId, a.roles, a.passwordHash, a.mustChangePassword],
    );
  }
}
