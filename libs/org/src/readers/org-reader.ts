import { AuthUser, Queryable, Role } from '#core';
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
  level: string;
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

/**
 * What other libraries read of org's tables (org_unit, app_user), one row or a few at a time: every method
 * takes the caller's EntityManager (or DataSource) so it runs in the caller's transaction. The queries are the
 * repositories'; the reader holds no state (demo code makes one with `new OrgReader()`). Set-based joins read
 * the views org_unit_v and org_user_v instead (libs/platform/src/table-owners.ts).
 */
@Injectable()
export class OrgReader {
  // statements kept in org's repositories (no dependencies: demo code makes a reader with `new OrgReader()`)
  private readonly orgUnits = new OrgUnitRepository();
  private readonly users = new AppUserRepository();

  /** One unit (its path, level …), or undefined. */
  async unit(db: Db, id: number): Promise<UnitRecord | undefined> {
    return (await this.orgUnits.records(db, [id]))[0];
  }

  /** The units with these ids, by code; with `activeOnly`, the active ones only. */
  units(db: Db, ids: number[], { activeOnly = false }: { activeOnly?: boolean } = {}): Promise<UnitRecord[]> {
    return this.orgUnits.records(db, ids, activeOnly);
  }

  /** The unit at a path (its id, and whether it is the root), or undefined. */
  unitAt(db: Db, path: string): Promise<{ id: number; is_root: boolean } | undefined> {
    return this.orgUnits.atPath(db, path);
  }

  /** The active units of a level (id and path), by id. */
  activeUnitsAt(db: Db, level: string): Promise<{ id: number; path: string }[]> {
    return this.orgUnits.activeAtLevel(db, level);
  }

  /** The units with the given codes, by code descending. */
  unitsByCode(db: Db, codes: string[]): Promise<{ id: number; code: string; path: string }[]> {
    return this.orgUnits.withCodes(db, codes);
  }

  /** Active district-level units at, under or above a unit path, by path. */
  districtsAround(db: Db, path: string): Promise<UnitPlace[]> {
    return this.orgUnits.districtsAround(db, path);
  }

  /** The lowest id of the units of a level whose code starts with `prefix`, or null. */
  firstUnitWithCodePrefix(db: Db, level: string, prefix: string): Promise<number | null> {
    return this.orgUnits.firstWithCodePrefix(db, level, prefix);
  }

  /** How many units the tree has. */
  unitCount(db: Db): Promise<number> {
    return this.orgUnits.count(db);
  }

  /**
   * Active units under `path` of these levels, locked FOR KEY SHARE (they stay until the caller commits: what an
   * entry will reference, entries carrying no foreign keys), by code.
   */
  keptUnitsUnder(db: Db, path: string, levels: string[]): Promise<KnownUnitRecord[]> {
    return this.orgUnits.keptUnder(db, path, levels);
  }

  /** Waits for a move of the unit in flight (its row FOR SHARE), so what the caller writes next sees its new ancestors. */
  waitForUnitMove(m: EntityManager, unitId: number): Promise<void> {
    return this.orgUnits.shareLock(m, unitId);
  }

  /**
   * The active users at these units holding any of these roles (id, display name), by id. With `keep`, locked
   * FOR KEY SHARE: they stay until the caller commits (pass the transaction's EntityManager).
   */
  activeWithRoles(db: Db, unitIds: number[], roles: Role[], { keep = false }: { keep?: boolean } = {}): Promise<{ id: number; display_name: string }[]> {
    return this.users.activeWithRoles(db, unitIds, roles, keep);
  }

  /** The lowest id of a user with the role (in the unit, if given), or undefined. */
  firstWithRole(db: Db, role: string, orgUnitId: number | null): Promise<number | undefined> {
    return this.users.firstWithRole(db, role, orgUnitId);
  }

  /** A user's id by username, or undefined. */
  userIdByUsername(db: Db, username: string): Promise<number | undefined> {
    return this.users.idByUsername(db, username);
  }

  /** An active cadre and their unit, locked FOR KEY SHARE; undefined if the user is not an active cadre. */
  keptActiveCadre(m: EntityManager, userId: number | undefined): Promise<{ id: number; org_unit_id: number } | undefined> {
    return this.users.keptActiveCadre(m, userId);
  }

  /** A user as an audit actor for work done on their behalf (an import in the worker); null if none. */
  async actor(db: Db, userId: number | null): Promise<AuthUser | null> {
    if (userId === null || userId === undefined) return null;
    const u = await this.users.withUnitPath(db, userId);
    if (!u) return null;
    return { id: u.id, username: u.username, roles: u.roles as Role[], orgUnitId: u.orgUnitId, orgUnitPath: u.path, seesAll: false };
  }

  /** The users among the ids that exist, with their unit's path, roles and whether they are active. */
  usersWithUnit(db: Db, ids: number[]): Promise<{ id: number; path: string; roles: string[]; active: boolean }[]> {
    return this.users.manyWithUnitPath(db, ids);
  }

  /** The ids of the unit's children other than agencies, by path. */
  childUnitIds(db: Db, unitId: number): Promise<number[]> {
    return this.orgUnits.childIdsButAgencies(db, unitId);
  }
}
