import { queryAffected, queryOne, queryRows, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserListQuery } from '../dto/user.dto';
import { User } from '../entities/user.entity';

/** A user as logins and tokens see them, with their unit's path and depth. */
export interface UserRow {
  id: number;
  username: string;
  roles: Role[];
  active: boolean;
  org_unit_id: number;
  path: string;
  depth: number;
  must_change_password: boolean;
}

// a user whose unit was deactivated is inactive too: no login, and their tokens stop working
export const USER_COLUMNS = `u.id, u.username, u.roles, (u.active AND o.active) AS active, u.org_unit_id, u.must_change_password, o.path, o.depth`;

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
    const n = await queryAffected(m, `UPDATE app_user SET failed_logins = 0, failed_since = NULL WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING id`, [
      id,
      now,
    ]);
    return n > 0;
  }

  /** Stores a password the user chose themselves (no change required any more). */
  async setOwnPassword(m: EntityManager, id: number, hash: string, now: Date): Promise<void> {
    await m.query(`UPDATE app_user SET password_hash = $2, must_change_password = false, password_changed_at = $3, updated_at = $3 WHERE id = $1`, [id, hash, now]);
  }

  /** The user (without the hash), or null. */
  findById(m: EntityManager, id: number): Promise<User | null> {
    return m.findOne(User, { where: { id } });
  }

  /** Whether a username is taken. */
  async usernameTaken(m: EntityManager, username: string): Promise<boolean> {
    return (await m.count(User, { where: { username } })) > 0;
  }

  /** Inserts a user; the entity gets its id. */
  async insert(m: EntityManager, user: User): Promise<void> {
    await m.insert(User, user);
  }

  /** Writes the given columns of one user. */
  async update(m: EntityManager, id: number, fields: Partial<User>): Promise<void> {
    await m.update(User, { id }, fields);
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

  /** A page of the users of units under a path prefix, by username, with the total. */
  search(m: EntityManager, q: UserListQuery, prefix: string): Promise<[User[], number]> {
    const qb = m
      .createQueryBuilder(User, 'u')
      .innerJoin('org_unit', 'o', 'o.id = u.org_unit_id')
      .where('o.path LIKE :p', { p: `${prefix}%` })
      .orderBy('u.username')
      .offset(q.offset)
      .limit(q.pageSize);
    if (q.role) qb.andWhere(':role = ANY(u.roles)', { role: q.role });
    if (q.q) qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: `%${q.q}%` });
    return qb.getManyAndCount();
  }
}
