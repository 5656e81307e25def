import { orderBySql, Queryable, queryAffected, queryOne, queryRows, rankSql, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { Campaign, CAMPAIGN_STATUSES, CampaignMember, CampaignMilestone, CampaignPhase, CampaignStatus, MemberBody, MemberRole } from '../campaigns.types';
import type { CampaignSort } from '../dto/campaign.dto';

export interface NewCampaign {
  orgUnitId: number;
  name: string;
  startsOn: string;
  endsOn: string;
  /** The whole settings model, as JSON text. */
  settings: string;
  officeName: string | null;
  createdBy: number;
  at: Date;
}

/** A campaign row as stored (dates YYYY-MM-DD), with its unit's name. */
export interface CampaignListRow {
  id: number;
  org_unit_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
  status: CampaignStatus;
  settings: unknown;
  office_name: string | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
  unit_name: string;
  unit_path: string;
  /** the caller's memberships of the campaign */
  memberships: { body: string; role: string }[];
}

// $1 scope prefix, $2 caller's unit path, $3 caller, $4 status or null: campaigns run at or below the caller's scope,
// at a unit above the caller (its tasks come from there), or that the caller is a member of
const LISTED = `(${scopeSql('u.path', 1)} OR $2 LIKE u.path || '%' OR EXISTS (SELECT 1 FROM campaign_member cm WHERE cm.campaign_id = c.id AND cm.user_id = $3))
                   AND ($4::text IS NULL OR c.status = $4)`;

/** campaign and its parts: campaign_phase, campaign_milestone, campaign_member. */
// the list's sort keys and the columns they order by
const CAMPAIGN_ORDER: Record<CampaignSort, string> = {
  name: 'c.name',
  unitName: 'u.name',
  startsOn: 'c.starts_on',
  endsOn: 'c.ends_on',
  status: rankSql('c.status', CAMPAIGN_STATUSES),
  createdAt: 'c.created_at',
};

@Injectable()
export class CampaignRepository {
  /** The campaign's id, status and unit (id and path), or undefined. */
  accessRow(db: Queryable, id: number): Promise<{ id: number; org_unit_id: number; path: string; status: string } | undefined> {
    return queryOne(db, `SELECT c.id, c.org_unit_id, u.path, c.status FROM campaign c JOIN org_unit_v u ON u.id = c.org_unit_id WHERE c.id = $1`, [id]);
  }

  /** The user's memberships of the campaign: body and role, one row each. */
  memberships(db: Queryable, campaignId: number, userId: number): Promise<{ body: string; role: string }[]> {
    return queryRows(db, `SELECT body, role FROM campaign_member WHERE campaign_id = $1 AND user_id = $2`, [campaignId, userId]);
  }

  /** Whether the user is a member of the campaign in any body. */
  async isMember(db: Queryable, campaignId: number, userId: number): Promise<boolean> {
    return (await queryRows(db, `SELECT 1 FROM campaign_member WHERE campaign_id = $1 AND user_id = $2`, [campaignId, userId])).length > 0;
  }

  /** The new campaign's id (a draft). */
  async insert(db: Queryable, c: NewCampaign): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, settings, office_name, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
      [c.orgUnitId, c.name, c.startsOn, c.endsOn, c.settings, c.officeName, c.createdBy, c.at],
    );
    return row!.id;
  }

  /** The demo's active campaign's id (created now, by the office user). */
  async insertDemo(db: Queryable, orgUnitId: number, settings: string, createdBy: number | null): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status, settings, office_name, created_by)
     VALUES ($1, '2026年社会保险扩面征缴专项行动', '2026-01-01', '2026-12-31', 'active', $2, '云帆市社会保险扩面征缴工作领导小组办公室', $3) RETURNING id`,
      [orgUnitId, settings, createdBy],
    );
    return row!.id;
  }

  /** Adds a phase (nothing answered). */
  async insertPhase(db: Queryable, campaignId: number, p: { name: string; startsOn: string; endsOn: string; ordinal: number }): Promise<void> {
    await queryRows(db, `INSERT INTO campaign_phase (campaign_id, name, starts_on, ends_on, ordinal) VALUES ($1, $2, $3, $4, $5)`, [
      campaignId,
      p.name,
      p.startsOn,
      p.endsOn,
      p.ordinal,
    ]);
  }

  /** Adds a milestone (nothing answered). */
  async insertMilestone(db: Queryable, campaignId: number, dueOn: string, percent: string | number): Promise<void> {
    await queryRows(db, `INSERT INTO campaign_milestone (campaign_id, due_on, percent) VALUES ($1, $2, $3)`, [campaignId, dueOn, percent]);
  }

  /** Adds a member of the leadership group or the office (nothing answered). */
  async insertMember(db: Queryable, campaignId: number, m: { userId: number; body: MemberBody; role: MemberRole; title: string | null }): Promise<void> {
    await queryRows(db, `INSERT INTO campaign_member (campaign_id, user_id, body, role, title) VALUES ($1, $2, $3, $4, $5)`, [
      campaignId,
      m.userId,
      m.body,
      m.role,
      m.title,
    ]);
  }

  /** One page of the campaigns the caller takes part in (see LISTED), in the asked order (newest first by default). */
  list(
    db: Queryable,
    f: { scope: Scope; userPath: string; userId: number; status: string | null },
    sort: SortParams<CampaignSort>,
    offset: number,
    limit: number,
  ): Promise<CampaignListRow[]> {
    return queryRows(
      db,
      `SELECT c.id, c.org_unit_id, c.name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.status, c.settings,
              c.office_name, c.created_by, c.created_at, c.updated_at, u.name AS unit_name, u.path AS unit_path,
              coalesce((SELECT json_agg(json_build_object('body', cm.body, 'role', cm.role)) FROM campaign_member cm WHERE cm.campaign_id = c.id AND cm.user_id = $3), '[]') AS memberships
         FROM campaign c JOIN org_unit_v u ON u.id = c.org_unit_id WHERE ${LISTED} ${orderBySql(sort, CAMPAIGN_ORDER, 'c.id DESC')} OFFSET $5 LIMIT $6`,
      [scopeParam(f.scope), f.userPath, f.userId, f.status, offset, limit],
    );
  }

  /** How many campaigns the caller takes part in (see LISTED). */
  async count(db: Queryable, f: { scope: Scope; userPath: string; userId: number; status: string | null }): Promise<number> {
    const row = await queryOne<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM campaign c JOIN org_unit_v u ON u.id = c.org_unit_id WHERE ${LISTED}`,
      [scopeParam(f.scope), f.userPath, f.userId, f.status],
    );
    return row!.total;
  }

  /** One campaign in the API's shape (settings as stored), or undefined. */
  byId(db: Queryable, id: number): Promise<(Omit<Campaign, 'settings'> & { settings: unknown }) | undefined> {
    return queryOne(
      db,
      `SELECT id, org_unit_id AS "orgUnitId", name, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", status, settings,
              office_name AS "officeName", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM campaign WHERE id = $1`,
      [id],
    );
  }

  /** The campaign's phases by ordinal. */
  phases(db: Queryable, campaignId: number): Promise<CampaignPhase[]> {
    return queryRows(
      db,
      `SELECT id, campaign_id AS "campaignId", name, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", ordinal
         FROM campaign_phase WHERE campaign_id = $1 ORDER BY ordinal`,
      [campaignId],
    );
  }

  /** The campaign's milestones by due date (percent as stored, '25.00'). */
  milestones(db: Queryable, campaignId: number): Promise<CampaignMilestone[]> {
    return queryRows(
      db,
      `SELECT id, campaign_id AS "campaignId", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", percent::text AS percent FROM campaign_milestone WHERE campaign_id = $1 ORDER BY due_on`,
      [campaignId],
    );
  }

  /** The milestones due on or before a date, by due date: date and cumulative percent. */
  milestonesUntil(db: Queryable, campaignId: number, date: string): Promise<{ dueOn: string; percent: string }[]> {
    return queryRows(
      db,
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS "dueOn", percent::text AS percent FROM campaign_milestone WHERE campaign_id = $1 AND due_on <= $2 ORDER BY due_on`,
      [campaignId, date],
    );
  }

  /** The due dates (YYYY-MM-DD) of the campaign's milestones, any order. */
  async milestoneDates(db: Queryable, campaignId: number): Promise<string[]> {
    const rows = await queryRows<{ d: string }>(db, `SELECT to_char(due_on, 'YYYY-MM-DD') AS d FROM campaign_milestone WHERE campaign_id = $1`, [campaignId]);
    return rows.map((r) => r.d);
  }

  /** The members with their user names, by body, then head, director, deputy, member. */
  members(db: Queryable, campaignId: number): Promise<(CampaignMember & { username: string; displayName: string })[]> {
    return queryRows(
      db,
      `SELECT cm.id, cm.campaign_id AS "campaignId", cm.user_id AS "userId", cm.body, cm.role, cm.title, u.username, u.display_name AS "displayName"
         FROM campaign_member cm JOIN org_user_v u ON u.id = cm.user_id
          WHERE cm.campaign_id = $1 ORDER BY cm.body, array_position(ARRAY['head','director','deputy','member'], cm.role), cm.id`,
      [campaignId],
    );
  }

  /** The ids of the leadership group's head and deputies (the approvers). */
  async approverIds(db: Queryable, campaignId: number): Promise<number[]> {
    const rows = await queryRows<{ user_id: number }>(
      db,
      `SELECT user_id FROM campaign_member WHERE campaign_id = $1 AND body = 'leadership' AND role IN ('head','deputy')`,
      [campaignId],
    );
    return rows.map((r) => r.user_id);
  }

  /** The ids of the campaign office's members and of the active office users of the campaign's unit. */
  async officeUserIds(db: Queryable, campaignId: number, campaignUnitId: number): Promise<number[]> {
    const rows = await queryRows<{ user_id: number }>(
      db,
      `SELECT user_id FROM campaign_member WHERE campaign_id = $1 AND body = 'office'
       UNION SELECT id FROM org_user_v WHERE active AND org_unit_id = $2 AND 'office' = ANY(roles)`,
      [campaignId, campaignUnitId],
    );
    return rows.map((r) => r.user_id);
  }

  /** The campaign's status and end date, locked FOR NO KEY UPDATE (activation); undefined when none. */
  lockForActivation(db: Queryable, id: number): Promise<{ status: string; ends_on: string } | undefined> {
    return queryOne(
      db,
      // NO KEY UPDATE: a registry import holds the campaign FOR KEY SHARE for its whole run, and the activating
      // transaction already holds the rollup lock that every report waits for
      `SELECT status, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM campaign WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
  }

  /** Sets the campaign's status; answers the rows changed. */
  setStatus(db: Queryable, id: number, status: CampaignStatus, at: Date): Promise<number> {
    return queryAffected(db, `UPDATE campaign SET status = $3, updated_at = $2 WHERE id = $1`, [id, at, status]);
  }

  /** campaign.settings as stored, locked FOR UPDATE when asked; undefined when no such campaign. */
  async settings(db: Queryable, id: number, lock = false): Promise<{ settings: unknown } | undefined> {
    return lock
      ? queryOne(db, `SELECT settings FROM campaign WHERE id = $1 FOR UPDATE`, [id])
      : queryOne(db, `SELECT settings FROM campaign WHERE id = $1`, [id]);
  }

  /** Stores the whole settings model (JSON text); answers the rows changed. */
  saveSettings(db: Queryable, id: number, settings: string): Promise<number> {
    return queryAffected(db, `UPDATE campaign SET settings = $2::jsonb, updated_at = now() WHERE id = $1`, [id, settings]);
  }

  /** The campaign's name, or undefined. */
  name(db: Queryable, id: number): Promise<{ name: string } | undefined> {
    return queryOne(db, `SELECT name FROM campaign WHERE id = $1`, [id]);
  }

  /** The campaign's name and a unit's name; undefined when either does not exist. */
  nameWithUnit(db: Queryable, id: number, unitId: number): Promise<{ name: string; unit_name: string } | undefined> {
    return queryOne(db, `SELECT c.name, u.name AS unit_name FROM campaign c JOIN org_unit_v u ON u.id = $2 WHERE c.id = $1`, [id, unitId]);
  }

  /** One campaign as stored (dates YYYY-MM-DD) for other libraries, or undefined. */
  record(
    db: Queryable,
    id: number,
  ): Promise<{ id: number; name: string; org_unit_id: number; starts_on: string; ends_on: string; status: string; settings: unknown } | undefined> {
    return queryOne(
      db,
      `SELECT id, name, org_unit_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, status, settings
         FROM campaign WHERE id = $1`,
      [id],
    );
  }

  /** The campaign's milestones by due date: date (YYYY-MM-DD) and percent ('25.00'). */
  milestoneRecords(db: Queryable, campaignId: number): Promise<{ due: string; percent: string }[]> {
    return queryRows(
      db,
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS due, percent::text AS percent FROM campaign_milestone WHERE campaign_id = $1 ORDER BY due_on`,
      [campaignId],
    );
  }

  /** Active campaigns by id: id and owning unit. */
  active(db: Queryable): Promise<{ id: number; org_unit_id: number }[]> {
    return queryRows(db, `SELECT id, org_unit_id FROM campaign WHERE status = 'active' ORDER BY id`);
  }

  /** A draft's status and settings, locked FOR NO KEY UPDATE (editing a draft); undefined when none. */
  lockForEdit(db: Queryable, id: number): Promise<{ status: string; settings: unknown } | undefined> {
    return queryOne(db, `SELECT status, settings FROM campaign WHERE id = $1 FOR NO KEY UPDATE`, [id]);
  }

  /** Sets a campaign's name, period, office name and settings (JSON text); answers the rows changed. */
  updateDefinition(
    db: Queryable,
    id: number,
    c: { name: string; startsOn: string; endsOn: string; officeName: string | null; settings: string; at: Date },
  ): Promise<number> {
    return queryAffected(
      db,
      `UPDATE campaign SET name = $2, starts_on = $3, ends_on = $4, office_name = $5, settings = $6::jsonb, updated_at = $7 WHERE id = $1`,
      [id, c.name, c.startsOn, c.endsOn, c.officeName, c.settings, c.at],
    );
  }

  /** Removes a draft's phases (its list replaced); answers the rows removed. */
  clearPhases(db: Queryable, campaignId: number): Promise<number> {
    return queryAffected(db, `DELETE FROM campaign_phase WHERE campaign_id = $1`, [campaignId]);
  }

  /** Removes a draft's milestones (its list replaced); answers the rows removed. */
  clearMilestones(db: Queryable, campaignId: number): Promise<number> {
    return queryAffected(db, `DELETE FROM campaign_milestone WHERE campaign_id = $1`, [campaignId]);
  }

  /** Removes a draft's leadership group and office members (the list replaced); answers the rows removed. */
  clearMembers(db: Queryable, campaignId: number): Promise<number> {
    return queryAffected(db, `DELETE FROM campaign_member WHERE campaign_id = $1`, [campaignId]);
  }
}
