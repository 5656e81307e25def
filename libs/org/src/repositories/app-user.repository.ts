import { orderBySql, queryAffected, queryOne, Queryable, queryRows, Role, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserListQuery, UserSort } from '../dto/user.dto';
import { NewUser, User, UserChanges } from '../org.types';

/** A user as logins and tokens see them, with their unit's path and depth. */
export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  roles: Role[];
  active: boolean;
  org_unit_id: number;
  path: string;
  depth: number;
  must_change_password: boolean;
}

// a user whose unit was deactivated is inactive too: no login, and their tokens stop working
export const USER_COLUMNS = `u.id, u.username, u.display_name, u.roles, (u.active AND o.active) AS active, u.org_unit_id, u.must_change_password, o.path, o.depth`;

// a user as the API shows it (User), in the order it answers the fields; never the password hash
const RECORD_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.phone, u.org_unit_id AS "orgUnitId", u.roles, u.active,
  u.must_change_password AS "mustChangePassword", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

// the users of units in a scope ($1), of a role ($2) and matching a text ($3), when given
const SEARCH_FROM = `FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id
  WHERE ${scopeSql('o.path', 1)} AND ($2::text IS NULL OR $2::text = ANY(u.roles)) AND ($3::text IS NULL OR u.username ILIKE $3::text OR u.display_name ILIKE $3::text)`;

// the list's sort keys and the columns they order by (username is unique: the last tiebreak)
const USER_ORDER: Record<UserSort, string> = {
  username: 'u.username',
  displayName: 'u.display_name',
  unitName: 'o.name',
  active: 'u.active',
  createdAt: 'u.created_at',
};

type Db = Queryable | EntityManager;

// pg advisory lock key: changes that could leave no active admin take turns
const LAST_ADMIN_LOCK = 7_302_027;

/** Every statement on app_user (the failure counters: LoginFailureRepository; sessions: UserSessionRepository). */
@Injectable()
export class AppUserRepository {
  /** The user of a username with their password hash, or undefined. */
  byUsernameWithHash(m: EntityManager, username: string): Promise<(UserRow & { password_hash: string }) | undefined> {
    return queryOne(m, `SELECT ${USER_COLUMNS}, u.password_hash FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = $1`, [username]);
  }

  /** The user with their password hash and lock, or undefined. */
  byIdWithHash(m: EntityManager, id: number): Promise<(UserRow & { password_hash: string; locked_until: Date | null }) | undefined> {
    return queryOne(m, `SELECT ${USER_COLUMNS}, u.password_hash, u.locked_until FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`, [id]);
  }

  /** Clears the failure count unless the account is locked at `now`; answers whether it did (the login may go on). */
  async clearFailuresUnlessLocked(m: EntityManager, id: number, now: Date): Promise<boolean> {
    const n = await queryAffected(
      m,
      `UPDATE app_user SET failed_logins = 0, failed_since = NULL WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING id`,
      [id, now],
    );
    return n > 0;
  }

  /** Stores a password the user chose themselves (no change required any more). */
  async setOwnPassword(m: EntityManager, id: number, hash: string, now: Date): Promise<void> {
    await m.query(`UPDATE app_user SET password_hash = $2, must_change_password = false, password_changed_at = $3, updated_at = $3 WHERE id = $1`, [
      id,
      hash,
      now,
    ]);
  }

  /** The user (without the hash), or null. */
  async findById(m: EntityManager, id: number): Promise<User | null> {
    return (await queryOne<User>(m, `SELECT ${RECORD_COLUMNS} FROM app_user u WHERE u.id = $1`, [id])) ?? null;
  }

  /** Whether a username is taken. */
  async usernameTaken(m: EntityManager, username: string): Promise<boolean> {
    const [{ taken }] = await queryRows<{ taken: boolean }>(m, `SELECT EXISTS (SELECT 1 FROM app_user WHERE username = $1) AS taken`, [username]);
    return taken;
  }

  /** Inserts a user; answers it as stored (id and times given by the table). */
  async insert(m: EntityManager, user: NewUser): Promise<User> {
    const [row] = await queryRows<User>(
      m,
      `INSERT INTO app_user AS u (username, display_name, phone, org_unit_id, roles, password_hash, active, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${RECORD_COLUMNS}`,
      [user.username, user.displayName, user.phone, user.orgUnitId, user.roles, user.passwordHash, user.active, user.mustChangePassword],
    );
    return row;
  }

  /** Inserts an active user at the unit with `unitCode` (no password change required); the demo's way. */
  async insertAtUnitCode(
    m: EntityManager,
    u: { username: string; displayName: string; phone: string; roles: Role[]; passwordHash: string; unitCode: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO app_user (username, display_name, phone, org_unit_id, roles, password_hash)
       SELECT $1, $2, $3, id, $4, $5 FROM org_unit WHERE code = $6`,
      [u.username, u.displayName, u.phone, u.roles, u.passwordHash, u.unitCode],
    );
  }

  /** Writes the given fields of one user (a field left out or undefined keeps its value) and stamps updated_at. */
  async update(m: EntityManager, id: number, fields: UserChanges): Promise<void> {
    const given = <K extends keyof UserChanges>(k: K) => [fields[k] !== undefined, fields[k] ?? null];
    await m.query(
      `UPDATE app_user SET
         display_name         = CASE WHEN $2::boolean THEN $3::text ELSE display_name END,
         phone                = CASE WHEN $4::boolean THEN $5::text ELSE phone END,
         org_unit_id          = CASE WHEN $6::boolean THEN $7::int ELSE org_unit_id END,
         roles                = CASE WHEN $8::boolean THEN $9::text[] ELSE roles END,
         active               = CASE WHEN $10::boolean THEN $11::boolean ELSE active END,
         must_change_password = CASE WHEN $12::boolean THEN $13::boolean ELSE must_change_password END,
         password_hash        = CASE WHEN $14::boolean THEN $15::text ELSE password_hash END,
         updated_at           = now()
       WHERE id = $1`,
      [
        id,
        ...given('displayName'),
        ...given('phone'),
        ...given('orgUnitId'),
        ...given('roles'),
        ...given('active'),
        ...given('mustChangePassword'),
        ...given('passwordHash'),
      ],
    );
  }

  /** Takes the turn of changes that could leave no active admin (until the transaction ends). */
  async lockAdmins(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [LAST_ADMIN_LOCK]);
  }

  /** How many active admins there are besides this user. */
  async otherActiveAdmins(m: EntityManager, id: number): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM app_user WHERE active AND 'admin' = ANY(roles) AND id <> $1`, [id]);
    return n;
  }

  /** A page of the users of units in the scope, in the asked order (by username by default), with the total. */
  async search(m: EntityManager, q: UserListQuery, scope: Scope): Promise<[User[], number]> {
    const filter = [scopeParam(scope), q.role || null, q.q ? `%${q.q}%` : null];
    const items = await queryRows<User>(m, `SELECT ${RECORD_COLUMNS} ${SEARCH_FROM} ${orderBySql(q, USER_ORDER, 'u.username')} LIMIT $4 OFFSET $5`, [
      ...filter,
      q.pageSize,
      q.offset,
    ]);
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n ${SEARCH_FROM}`, filter);
    return [items, n];
  }

  /** The users among the ids that exist, with their unit's path, roles and whether they are active. */
  manyWithUnitPath(db: Queryable | EntityManager, ids: number[]): Promise<{ id: number; path: string; roles: string[]; active: boolean }[]> {
    return queryRows(db, `SELECT a.id, o.path, a.roles, a.active FROM app_user a JOIN org_unit o ON o.id = a.org_unit_id WHERE a.id = ANY($1::int[])`, [ids]);
  }

  // what OrgReader answers other libraries: each takes the caller's EntityManager or the DataSource

  /**
   * The active users at these units holding any of these roles (id, display name), by id; with `keep`, locked
   * FOR KEY SHARE (they stay until the caller's transaction commits).
   */
  activeWithRoles(db: Db, unitIds: number[], roles: string[], keep = false): Promise<{ id: number; display_name: string }[]> {
    return queryRows(
      db,
      `SELECT id, display_name FROM app_user WHERE active AND org_unit_id = ANY($1::int[]) AND roles && $2::text[] ORDER BY id${keep ? ' FOR KEY SHARE' : ''}`,
      [unitIds, roles],
    );
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
  async idByUsername(db: Db, username: string): Promise<number | undefined> {
    return (await queryOne<{ id: number }>(db, `SELECT id FROM app_user WHERE username = $1`, [username]))?.id;
  }

  /** An active cadre and their unit, locked FOR KEY SHARE; undefined if the user is not an active cadre. */
  keptActiveCadre(m: EntityManager, userId: number | undefined): Promise<{ id: number; org_unit_id: number } | undefined> {
    return queryOne(m, `SELECT id, org_unit_id FROM app_user u WHERE id = $1 AND active AND 'cadre' = ANY(roles) FOR KEY SHARE`, [userId]);
  }

  /** A user with their unit's path (id, username, roles, orgUnitId, path), or undefined. */
  withUnitPath(db: Db, userId: number): Promise<{ id: number; username: string; roles: string[]; orgUnitId: number; path: string } | undefined> {
    return queryOne(
      db,
      `SELECT u.id, u.username, u.roles, u.org_unit_id AS "orgUnitId", o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [userId],
    );
  }
}
