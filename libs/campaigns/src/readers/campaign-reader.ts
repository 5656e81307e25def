import { Queryable, Scope } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { IndicatorKind, IndicatorSource } from '../campaigns.types';
import { CampaignRepository } from '../repositories/campaign.repository';
import { IndicatorRepository } from '../repositories/indicator.repository';
import { TaskRepository } from '../repositories/task.repository';

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
  /** 'reports' (also when absent, as in the pure rules' tests), or the records a ratio's figures are read from (registry_indicator_fact_v) */
  source?: IndicatorSource;
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
  /** Null: the unit has no plan (无计划). */
  target: string | null;
  deadline: string;
}

/** A task locked for a report, with what judging the report needs of its indicator and campaign. */
export interface ReportTaskRecord {
  id: number;
  holder_unit_id: number;
  holder_user_id: number | null;
  withdrawn_at: Date | null;
  kind: IndicatorKind;
  /** not 'reports': the figures come from the records and are never reported */
  source: IndicatorSource;
  starts_on: string;
  status: string;
}

/** A task of a settled subtree (see subtreeForSettlement). */
export interface SettlementTaskRecord {
  id: number;
  parent_task_id: number | null;
  holder_unit_id: number;
  /** Null: no plan, not settled. */
  target: string | null;
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
 * The queries are the repositories'; the reader gives them the shapes other libraries use. It holds no state
 * (demo code makes one with `new CampaignReader()`).
 */
@Injectable()
export class CampaignReader {
  private readonly campaigns = new CampaignRepository();
  private readonly indicatorRows = new IndicatorRepository();
  private readonly tasks = new TaskRepository();

  /** One campaign (dates as YYYY-MM-DD), or undefined. */
  async campaign(db: Db, id: number): Promise<CampaignRecord | undefined> {
    const c = await this.campaigns.record(db, id);
    return c && { id: c.id, name: c.name, orgUnitId: c.org_unit_id, startsOn: c.starts_on, endsOn: c.ends_on, status: c.status, settings: c.settings };
  }

  /** The campaign's milestones by due date. */
  milestones(db: Db, campaignId: number): Promise<MilestoneRecord[]> {
    return this.campaigns.milestoneRecords(db, campaignId);
  }

  /** The campaign's indicators by id. */
  indicators(db: Db, campaignId: number): Promise<IndicatorRecord[]> {
    return this.indicatorRows.records(db, campaignId);
  }

  /** Active campaigns by id: id and owning unit. */
  async activeCampaigns(db: Db): Promise<{ id: number; orgUnitId: number }[]> {
    const rows = await this.campaigns.active(db);
    return rows.map((r) => ({ id: r.id, orgUnitId: r.org_unit_id }));
  }

  /** One task: campaign, holder unit and deadline (YYYY-MM-DD), or undefined. */
  async task(db: Db, id: number): Promise<TaskRecord | undefined> {
    const t = await this.tasks.record(db, id);
    return t && { id: t.id, campaignId: t.campaign_id, holderUnitId: t.holder_unit_id, deadline: t.deadline };
  }

  /** Ids of the campaign's tasks. */
  taskIds(db: Db, campaignId: number): Promise<number[]> {
    return this.tasks.idsOfCampaign(db, campaignId);
  }

  /** The campaign's live leaf tasks (no live child task): id, target, indicator kind, holder unit. */
  leafTasks(db: Db, campaignId: number): Promise<{ id: number; target: string; kind: IndicatorKind; holder_unit_id: number }[]> {
    return this.tasks.leaves(db, campaignId);
  }

  /** Ids of the campaign's tasks held by units in the scope. */
  taskIdsIn(db: Db, campaignId: number, scope: Scope): Promise<number[]> {
    return this.tasks.idsIn(db, campaignId, scope);
  }

  /** Ids of the live tasks held by the unit for any of the indicators. */
  liveTaskIdsHeldBy(db: Db, unitId: number, indicatorIds: number[]): Promise<number[]> {
    return this.tasks.liveIdsHeldBy(db, unitId, indicatorIds);
  }

  /** A task locked FOR UPDATE (two reports on it are judged one after the other), with its indicator's kind and its campaign's start and status. */
  lockTaskForReport(m: EntityManager, taskId: number): Promise<ReportTaskRecord | undefined> {
    return this.tasks.lockForReport(m, taskId);
  }

  /** How the task is split: its live child tasks held by units and by cadres. */
  liveSplit(db: Db, taskId: number): Promise<{ units: number; cadres: number }> {
    return this.tasks.liveSplit(db, taskId);
  }

  /** Units that split a live task of the campaign to other units: with the campaign's own unit, the units that issue bulletins. */
  unitsThatSplit(db: Db, campaignId: number): Promise<number[]> {
    return this.tasks.unitsThatSplit(db, campaignId);
  }

  /** The topmost live task of the campaign held by the unit and by each of its children (one per indicator). */
  async topTasks(db: Db, campaignId: number, unitId: number): Promise<TopTaskRecord[]> {
    const rows = await this.tasks.topTasksAround(db, campaignId, unitId);
    return rows.map((r) => ({ taskId: r.id, indicatorId: r.indicator_id, unitId: r.holder_unit_id, target: r.target, deadline: r.deadline }));
  }

  /**
   * Live count tasks of active campaigns whose deadline is on or before the date and that are settled on
   * their own (no parent, or a parent with another deadline): id and deadline (YYYY-MM-DD), by id.
   */
  countTasksDue(db: Db, date: string): Promise<{ id: number; deadline: string }[]> {
    return this.tasks.countTasksDue(db, date);
  }

  /** A task's campaign, its indicator's kind and its holder unit's path, or undefined. */
  taskKindAndPath(db: Db, taskId: number): Promise<{ campaign_id: number; kind: IndicatorKind; path: string } | undefined> {
    return this.tasks.kindAndPath(db, taskId);
  }

  /**
   * The tasks of a settlement of a task's subtree: the task and every live task below it sharing its
   * deadline (settled true), and the live children of those with a deadline of their own (settled
   * false), each with its holder unit's code and name and its cadre's name.
   */
  subtreeForSettlement(db: Db, taskId: number): Promise<SettlementTaskRecord[]> {
    return this.tasks.subtreeForSettlement<SettlementTaskRecord>(db, taskId);
  }
}
