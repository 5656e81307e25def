import { Queryable, queryOne, queryRows, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';
import { PublicChannel } from '../channels/gateway-answer';
import { RoundTarget } from '../outreach.types';

/** A reminder_plan row with its unit's current path and the date of the last round it made. */
export interface PlanRow {
  id: number;
  campaign_id: number;
  name: string;
  org_unit_id: number;
  path: string;
  targets: RoundTarget[];
  channel: PublicChannel;
  template_kind: string | null;
  dates: string[] | null;
  every_months: number | null;
  first_on: string | null;
  until_on: string | null;
  amount: string | null;
  deadline_days: number | null;
  office_phone: string | null;
  active: boolean;
  created_at: Date;
  created_on: string;
  last_made: string | null;
  rounds: number;
}

export interface NewPlan {
  campaignId: number;
  name: string;
  orgUnitId: number;
  targets: RoundTarget[];
  channel: PublicChannel;
  templateKind: string | null;
  dates: string[] | null;
  everyMonths: number | null;
  firstOn: string | null;
  untilOn: string | null;
  amount: number | null;
  deadlineDays: number | null;
  officePhone: string | null;
  createdBy: number;
  createdAt: Date;
  createdOn: string;
}

const PLAN_COLS = `p.id, p.campaign_id, p.name, p.org_unit_id, u.path, p.targets, p.channel, p.template_kind, p.dates::text[] AS dates, p.every_months,
  p.first_on::text AS first_on, p.until_on::text AS until_on, p.amount, p.deadline_days, p.office_phone, p.active, p.created_at, p.created_on::text AS created_on,
  (SELECT max(r.planned_for)::text FROM reminder_round r WHERE r.plan_id = p.id) AS last_made,
  (SELECT count(*)::int FROM reminder_round r WHERE r.plan_id = p.id) AS rounds`;
const LIST_WHERE = `${scopeSql('u.path', 1)} AND ($2::int IS NULL OR p.campaign_id = $2)`;

/** Every statement on reminder_plan. */
@Injectable()
export class ReminderPlanRepository {
  async insert(m: Queryable, p: NewPlan): Promise<number> {
    const row = await queryOne<{ id: number }>(
      m,
      `INSERT INTO reminder_plan (campaign_id, name, org_unit_id, targets, channel, template_kind, dates, every_months, first_on, until_on, amount,
                                  deadline_days, office_phone, created_by, created_at, created_on)
         VALUES ($1,$2,$3,$4,$5,$6,$7::date[],$8,$9,$10,$11,$12,$13,$14,$15,$16) RETURNING id`,
      [
        p.campaignId,
        p.name,
        p.orgUnitId,
        p.targets,
        p.channel,
        p.templateKind,
        p.dates,
        p.everyMonths,
        p.firstOn,
        p.untilOn,
        p.amount,
        p.deadlineDays,
        p.officePhone,
        p.createdBy,
        p.createdAt,
        p.createdOn,
      ],
    );
    return row!.id;
  }

  async find(db: Queryable, id: number, lock = false): Promise<PlanRow | undefined> {
    return queryOne<PlanRow>(
      db,
      `SELECT ${PLAN_COLS} FROM reminder_plan p JOIN org_unit_v u ON u.id = p.org_unit_id WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
      [id],
    );
  }

  /** One page of the plans in the scope (optionally of one campaign), newest first. */
  async page(db: Queryable, scope: Scope, campaignId: number | null, offset: number, limit: number): Promise<PlanRow[]> {
    return queryRows<PlanRow>(
      db,
      `SELECT ${PLAN_COLS} FROM reminder_plan p JOIN org_unit_v u ON u.id = p.org_unit_id WHERE ${LIST_WHERE} ORDER BY p.id DESC OFFSET $3 LIMIT $4`,
      [scopeParam(scope), campaignId, offset, limit],
    );
  }

  async count(db: Queryable, scope: Scope, campaignId: number | null): Promise<number> {
    const row = await queryOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM reminder_plan p JOIN org_unit_v u ON u.id = p.org_unit_id WHERE ${LIST_WHERE}`,
      [scopeParam(scope), campaignId],
    );
    return row!.n;
  }

  /** The active plans of active campaigns (what the schedule looks at). */
  async activePlans(db: Queryable): Promise<PlanRow[]> {
    return queryRows<PlanRow>(
      db,
      `SELECT ${PLAN_COLS} FROM reminder_plan p JOIN org_unit_v u ON u.id = p.org_unit_id JOIN campaigns_campaign_v c ON c.id = p.campaign_id WHERE p.active AND c.status = 'active' ORDER BY p.id`,
    );
  }

  /** Nothing: the plan makes no more rounds. */
  async deactivate(m: Queryable, id: number): Promise<void> {
    await m.query(`UPDATE reminder_plan SET active = false WHERE id = $1`, [id]);
  }

  /** Nothing: locks the plan's row till commit (FOR NO KEY UPDATE: a round inserted for it meanwhile does not wait). */
  async lockPlan(m: Queryable, planId: number): Promise<void> {
    await m.query(`SELECT 1 FROM reminder_plan WHERE id = $1 FOR NO KEY UPDATE`, [planId]);
  }
}
