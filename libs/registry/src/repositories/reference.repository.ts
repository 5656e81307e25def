import { AuthUser, queryOne, queryRows, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { EntryKind } from '../registry.types';
import { KnownUnit } from '../import/column-sets';

/**
 * The registry's reads of other libraries' tables: org's app_user and org_unit, campaigns' campaign. Kept
 * here, in one place, until those libraries offer readers in their public index. FOR KEY SHARE stands in
 * for the foreign keys entries no longer carry (migration 1764000300002): what an entry will reference stays
 * until the caller commits.
 */
@Injectable()
export class ReferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active cadres of a unit, by id, locked FOR KEY SHARE. */
  async cadresOf(m: EntityManager, unitId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      m,
      `SELECT id FROM app_user WHERE org_unit_id = $1 AND active AND 'cadre' = ANY(roles) ORDER BY id FOR KEY SHARE`,
      [unitId],
    );
    return rows.map((r) => r.id);
  }

  /** An active cadre's unit, locked FOR KEY SHARE; undefined if the user is not an active cadre. */
  async activeCadre(m: EntityManager, userId: number | undefined): Promise<{ id: number; org_unit_id: number } | undefined> {
    return queryOne(m, `SELECT id, org_unit_id FROM app_user u WHERE id = $1 AND active AND 'cadre' = ANY(roles) FOR KEY SHARE`, [userId]);
  }

  /** A unit's path (the unit exists). */
  async unitPath(m: EntityManager, unitId: number): Promise<string> {
    const row = await queryOne<{ path: string }>(m, `SELECT path FROM org_unit WHERE id = $1`, [unitId]);
    return row!.path;
  }

  /** A campaign and its unit's path; undefined if there is no such campaign. */
  async campaignPlace(m: EntityManager, campaignId: number): Promise<{ id: number; path: string } | undefined> {
    return queryOne(m, `SELECT c.id, u.path FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = $1`, [campaignId]);
  }

  /** Locks a campaign FOR KEY SHARE on the load's connection; false if it no longer exists. */
  async keepCampaign(client: PoolClient, campaignId: number): Promise<boolean> {
    const campaign = await client.query(`SELECT 1 FROM campaign WHERE id = $1 FOR KEY SHARE`, [campaignId]);
    return !!campaign.rowCount;
  }

  /** Active units under `path` an entry of `kind` may be filed under (villages; for employers towns too), by code, locked FOR KEY SHARE. */
  async knownUnits(client: PoolClient, path: string, kind: EntryKind): Promise<Map<string, KnownUnit>> {
    const levels = kind === 'person' ? ['village'] : ['village', 'town'];
    const { rows } = await client.query(`SELECT id, code, path, level FROM org_unit WHERE path LIKE $1 || '%' AND level = ANY($2) AND active FOR KEY SHARE`, [
      path,
      levels,
    ]);
    return new Map(rows.map((r: { id: number; code: string; path: string; level: string }) => [r.code, { id: r.id, path: r.path, level: r.level }]));
  }

  /** A user as an audit actor (the import runs in the worker on the uploader's behalf); null if none. */
  async actor(userId: number | null): Promise<AuthUser | null> {
    if (userId === null || userId === undefined) return null;
    const u = await queryOne<{ id: number; username: string; roles: string[]; orgUnitId: number; path: string }>(
      this.dataSource,
      `SELECT u.id, u.username, u.roles, u.org_unit_id AS "orgUnitId", o.path FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id = $1`,
      [userId],
    );
    if (!u) return null;
    return { id: u.id, username: u.username, roles: u.roles as Role[], orgUnitId: u.orgUnitId, orgUnitPath: u.path, seesAll: false };
  }
}
