import { Queryable, queryOne, queryRows, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';
import { RobotProvider } from '../rules/robots';

/** A unit's group robot with its unit's path and name. */
export interface RobotRow {
  org_unit_id: number;
  unit_name: string;
  path: string;
  provider: RobotProvider;
  url: string;
  secret: string | null;
  kinds: string[];
  enabled: boolean;
  updated_at: Date;
}

const COLS = `r.org_unit_id, u.name AS unit_name, u.path, r.provider, r.url, r.secret, r.kinds, r.enabled, r.updated_at`;

/** Every statement on notice_robot and notice_preference. */
@Injectable()
export class NoticeRobotRepository {
  async find(db: Queryable, unitId: number): Promise<RobotRow | undefined> {
    return queryOne<RobotRow>(db, `SELECT ${COLS} FROM notice_robot r JOIN org_unit_v u ON u.id = r.org_unit_id WHERE r.org_unit_id = $1`, [unitId]);
  }

  async page(db: Queryable, scope: Scope, offset: number, limit: number): Promise<RobotRow[]> {
    return queryRows<RobotRow>(
      db,
      `SELECT ${COLS} FROM notice_robot r JOIN org_unit_v u ON u.id = r.org_unit_id WHERE ${scopeSql('u.path', 1)} ORDER BY u.path OFFSET $2 LIMIT $3`,
      [scopeParam(scope), offset, limit],
    );
  }

  async count(db: Queryable, scope: Scope): Promise<number> {
    const r = await queryOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM notice_robot r JOIN org_unit_v u ON u.id = r.org_unit_id WHERE ${scopeSql('u.path', 1)}`,
      [scopeParam(scope)],
    );
    return r!.n;
  }

  /** Nothing: sets the unit's robot. */
  async upsert(
    m: Queryable,
    r: { unitId: number; provider: RobotProvider; url: string; secret: string | null; kinds: string[]; enabled: boolean; by: number; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO notice_robot (org_unit_id, provider, url, secret, kinds, enabled, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
       ON CONFLICT (org_unit_id) DO UPDATE SET provider = EXCLUDED.provider, url = EXCLUDED.url, secret = EXCLUDED.secret,
         kinds = EXCLUDED.kinds, enabled = EXCLUDED.enabled, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [r.unitId, r.provider, r.url, r.secret, r.kinds, r.enabled, r.by, r.at],
    );
  }

  async remove(m: Queryable, unitId: number): Promise<void> {
    await m.query(`DELETE FROM notice_robot WHERE org_unit_id = $1`, [unitId]);
  }

  /** The user's phone, or null. */
  async userPhone(db: Queryable, userId: number): Promise<string | null> {
    const r = await queryOne<{ phone: string | null }>(db, `SELECT phone FROM org_user_v WHERE id = $1`, [userId]);
    return r?.phone ?? null;
  }

  /** The user's channel for escalations ('inbox' when never set). */
  async escalationChannel(db: Queryable, userId: number): Promise<'inbox' | 'sms'> {
    const r = await queryOne<{ c: 'inbox' | 'sms' }>(db, `SELECT escalation_channel AS c FROM notice_preference WHERE user_id = $1`, [userId]);
    return r?.c ?? 'inbox';
  }

  async setEscalationChannel(m: Queryable, userId: number, channel: 'inbox' | 'sms', at: Date): Promise<void> {
    await m.query(
      `INSERT INTO notice_preference (user_id, escalation_channel, updated_at) VALUES ($1,$2,$3)
       ON CONFLICT (user_id) DO UPDATE SET escalation_channel = EXCLUDED.escalation_channel, updated_at = EXCLUDED.updated_at`,
      [userId, channel, at],
    );
  }
}
