import { queryOne, Queryable, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { IndicatorKind } from '../entities/indicator.entity';

type Db = Queryable | EntityManager;

export interface CampaignRecord {
  id: number;
  name: string;
  orgUnitId: number;
  startsOn: string;
  endsOn: string;
  status: string;
  /** campaign.settings as stored (read it with readCampaignSettings). */
  settings: unknown;
}

export interface MilestoneRecord {
  due: string;
  /** 25 for 25 %. */
  percent: string;
}

export interface IndicatorRecord {
  id: number;
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
}

export interface TaskRecord {
  id: number;
  campaignId: number;
  holderUnitId: number;
  deadline: string;
}

export interface TopTaskRecord {
  taskId: number;
  indicatorId: number;
  unitId: number;
  target: string;
  deadline: string;
}

/** A task locked for a report, with what judging the report needs of its indicator and campaign. */
export interface ReportTaskRecord {
  id: number;
  holder_unit_id: number;
  holder_user_id: number | null;
  withdrawn_at: Date | null;
  kind: IndicatorKind;
  starts_on: string;
  status: string;
}

/** A task of a settled subtree (see subtreeForSettlement). */
export interface SettlementTaskRecord {
  id: number;
  parent_task_id: number | null;
  holder_unit_id: number;
  target: string;
  code: string;
  name: string;
  indicator_id: number;
  /** In the settlement (false: a child task with a deadline of its own, read only to subtract its figure). */
  settled: boolean;
  holder_user_id: number | null;
  cadre_name: string | null;
}

/**
 * What other libraries read of the campaigns library's tables (campaign, campaign_milestone, indicator,
 * task): every method takes the caller's EntityManager (or DataSource) so it runs in the caller's transaction.
 */
@Injectable()
export class CampaignReader {
  /** One campaign (dates as YYYY-MM-DD), or undefined. */
  async campaign(db: Db, id: number): Promise<CampaignRecord | undefined> {
    const c = await queryOne<{ id: number; name: string; org_unit_id: number; starts_on: string; ends_on: string; status: string; settings: unknown }>(
      db,
      `SELECT id, name, org_unit_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, status, settings
         FROM campaign WHERE id = $1`,
      [id],
    );
    return c && { id: c.id, name: c.name, orgUnitId: c.org_unit_id, startsOn: c.starts_on, endsOn: c.ends_on, status: c.status, settings: c.settings };
  }

  /** The campaign's milestones by due date. */
  milestones(db: Db, campaignId: number): Promise<MilestoneRecord[]> {
    return queryRows(
      db,
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS due, percent::text AS percent FROM campaign_milestone WHERE campaign_id = $1 ORDER BY due_on`,
      [campaignId],
    );
  }

  /** The campaign's indicators by id. */
  indicators(db: Db, campaignId: number): Promise<IndicatorRecord[]> {
    return queryRows(db, `SELECT id, code, name, kind, unit FROM indicator WHERE campaign_id = $1 ORDER BY id`, [campaignId]);
  }

  /** Active campaigns by id: id and owning unit. */
  async activeCampaigns(db: Db): Promise<{ id: number; orgUnitId: number }[]> {
    const rows = await queryRows<{ id: number; org_unit_id: number }>(db, `SELECT id, org_unit_id FROM campaign WHERE status = 'active' ORDER BY id`);
    return rows.map((r) => ({ id: r.id, orgUnitId: r.org_unit_id }));
  }

  /** One task: campaign, holder unit and deadline (YYYY-MM-DD), or undefined. */
  async task(db: Db, id: number): Promise<TaskRecord | undefined> {
    const t = await queryOne<{ id: number; campaign_id: number; holder_unit_id: number; deadline: string }>(
      db,
      `SELECT id, campaign_id, holder_unit_id, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM task WHERE id = $1`,
      [id],
    );
    return t && { id: t.id, campaignId: t.campaign_id, holderUnitId: t.holder_unit_id, deadline: t.deadline };
  }

  /** Ids of the campaign's tasks. */
  async taskIds(db: Db, campaignId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(db, `SELECT id FROM task WHERE campaign_id = $1`, [campaignId]);
    return rows.map((r) => r.id);
  }

  /** The campaign's live leaf tasks (no live child task): id, target, indicator kind, holder unit. */
  leafTasks(db: Db, campaignId: number): Promise<{ id: number; target: string; kind: IndicatorKind; holder_unit_id: number }[]> {
    return queryRows(
      db,
      `SELECT t.id, t.target::text AS target, i.kind, t.holder_unit_id
         FROM task t JOIN indicator i ON i.id = t.indicator_id
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM task ch WHERE ch.parent_task_id = t.id AND ch.withdrawn_at IS NULL)`,
      [campaignId],
    );
  }

  /** Ids of the campaign's tasks held by units whose path starts with the prefix. */
  async taskIdsUnder(db: Db, campaignId: number, pathPrefix: string): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT t.id FROM task t JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.campaign_id = $1 AND o.path LIKE $2`,
      [campaignId, `${pathPrefix}%`],
    );
    return rows.map((r) => r.id);
  }

  /** Ids of the live tasks held by the unit for any of the indicators. */
  async liveTaskIdsHeldBy(db: Db, unitId: number, indicatorIds: number[]): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT id FROM task WHERE holder_unit_id = $1 AND indicator_id = ANY($2::int[]) AND withdrawn_at IS NULL`,
      [unitId, indicatorIds],
    );
    return rows.map((r) => r.id);
  }

  /** A task locked FOR UPDATE (two reports on it are judged one after the other), with its indicator's kind and its campaign's start and status. */
  lockTaskForReport(m: EntityManager, taskId: number): Promise<ReportTaskRecord | undefined> {
    return queryOne(
      m,
      `SELECT t.id, t.holder_unit_id, t.holder_user_id, t.withdrawn_at, i.kind, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, c.status
         FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN campaign c ON c.id = t.campaign_id
        WHERE t.id = $1 FOR UPDATE OF t`,
      [taskId],
    );
  }

  /** How the task is split: its live child tasks held by units and by cadres. */
  async liveSplit(db: Db, taskId: number): Promise<{ units: number; cadres: number }> {
    const [split] = await queryRows<{ units: number; cadres: number }>(
      db,
      `SELECT count(*) FILTER (WHERE holder_user_id IS NULL)::int AS units, count(*) FILTER (WHERE holder_user_id IS NOT NULL)::int AS cadres
         FROM task WHERE parent_task_id = $1 AND withdrawn_at IS NULL`,
      [taskId],
    );
    return split;
  }

  /** The topmost live task of the campaign held by the unit and by each of its children (one per indicator). */
  async topTasks(db: Db, campaignId: number, unitId: number): Promise<TopTaskRecord[]> {
    const rows = await queryRows<{ id: number; indicator_id: number; holder_unit_id: number; target: string; deadline: string }>(
      db,
      `SELECT t.id, t.indicator_id, t.holder_unit_id, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline
         FROM task t JOIN org_unit o ON o.id = t.holder_unit_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL AND (o.id = $2 OR o.parent_id = $2)
          AND (p.id IS NULL OR p.holder_unit_id <> t.holder_unit_id)
        ORDER BY t.id`,
      [campaignId, unitId],
    );
    return rows.map((r) => ({ taskId: r.id, indicatorId: r.indicator_id, unitId: r.holder_unit_id, target: r.target, deadline: r.deadline }));
  }

  /**
   * Live count tasks of active campaigns whose deadline is on or before the date and that are settled on
   * their own (no parent, or a parent with another deadline): id and deadline (YYYY-MM-DD), by id.
   */
  countTasksDue(db: Db, date: string): Promise<{ id: number; deadline: string }[]> {
    return queryRows(
      db,
      `SELECT t.id, to_char(t.deadline, 'YYYY-MM-DD') AS deadline FROM task t
         JOIN campaign c ON c.id = t.campaign_id JOIN indicator i ON i.id = t.indicator_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.withdrawn_at IS NULL AND c.status = 'active' AND i.kind = 'count' AND t.deadline <= $1
          AND (p.id IS NULL OR p.deadline <> t.deadline)
        ORDER BY t.id`,
      [date],
    );
  }

  /** A task's campaign, its indicator's kind and its holder unit's path, or undefined. */
  taskKindAndPath(db: Db, taskId: number): Promise<{ campaign_id: number; kind: IndicatorKind; path: string } | undefined> {
    return queryOne(
      db,
      `SELECT t.campaign_id, i.kind, o.path FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.id = $1`,
      [taskId],
    );
  }

  /**
   * The tasks of a settlement of a task's subtree: the task and every live task below it sharing its
   * deadline (settled true), and the live children of those with a deadline of their own (settled
   * false), each with its holder unit's code and name and its cadre's name.
   */
  subtreeForSettlement(db: Db, taskId: number): Promise<SettlementTaskRecord[]> {
    return queryRows(
      db,
      `WITH RECURSIVE sub AS (
         SELECT id, deadline FROM task WHERE id = $1
         UNION ALL
         SELECT t.id, t.deadline FROM task t JOIN sub ON t.parent_task_id = sub.id
          WHERE t.withdrawn_at IS NULL AND t.deadline = sub.deadline
       ), x AS (
         SELECT id, true AS settled FROM sub
         UNION ALL
         SELECT t.id, false FROM task t JOIN sub ON t.parent_task_id = sub.id WHERE t.withdrawn_at IS NULL AND t.deadline <> sub.deadline
       )
       SELECT t.id, t.parent_task_id, t.holder_unit_id, t.target::text AS target, o.code, o.name, t.indicator_id, x.settled,
              t.holder_user_id, k.display_name AS cadre_name
         FROM x JOIN task t ON t.id = x.id JOIN org_unit o ON o.id = t.holder_unit_id LEFT JOIN app_user k ON k.id = t.holder_user_id`,
      [taskId],
    );
  }
}
