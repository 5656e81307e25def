import { orderBySql, queryOne, Queryable, queryRows, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { IncentiveSettings } from '../rules/incentives';
import type { SettlementLine, SettlementTotals, SettlementView } from '../dto/settlement.types';

type Db = Queryable | EntityManager;

export interface LockedSettlement {
  id: number;
  task_id: number;
  as_of: string;
  state: string;
  totals: object;
}

const VIEW_COLS = `s.id, s.task_id AS "taskId", s.period, to_char(s.as_of, 'YYYY-MM-DD') AS "asOf", s.state, s.settings, s.totals,
              s.computed_at AS "computedAt", s.confirmed_at AS "confirmedAt",
              t.holder_unit_id AS "unitId", o.name AS "unitName", t.indicator_id AS "indicatorId", i.name AS "indicatorName"`;
/** A settlement with its task's holder unit and indicator. */
const VIEW_FROM = `settlement s JOIN campaigns_task_v t ON t.id = s.task_id JOIN org_unit_v o ON o.id = t.holder_unit_id JOIN campaigns_indicator_v i ON i.id = t.indicator_id`;
/** The settlements of the tasks ($1), of one state when $2 is not null. */
const LIST_WHERE = `s.task_id = ANY($1::int[]) AND ($2::text IS NULL OR s.state = $2)`;
const LIST_ORDER = {
  period: 's.period',
  asOf: 's.as_of',
  state: 's.state',
  unitName: 'o.name',
  indicatorName: 'i.name',
  reward: "(s.totals->>'reward')::numeric",
  deduction: "(s.totals->>'deduction')::numeric",
  computedAt: 's.computed_at',
};

export type SettlementSort = keyof typeof LIST_ORDER;
export type SettlementLineSort = 'unitCode' | 'unitName' | 'target' | 'newEnrolees' | 'mobilised' | 'rate' | 'tier' | 'reward' | 'deduction';
const LINE_ORDER: Record<SettlementLineSort, string> = {
  unitCode: 'o.code',
  unitName: 'o.name',
  target: 'l.target',
  newEnrolees: 'l.new_enrolees',
  mobilised: 'l.mobilised',
  rate: 'l.rate',
  tier: 'l.tier',
  reward: 'l.reward',
  deduction: 'l.deduction',
};
/** Lines of the settlement ($1), of the subtree whose path prefix is $2 and of tier $3 where those are not null. */
const LINE_WHERE = `l.settlement_id = $1 AND ($2::text IS NULL OR o.path LIKE $2 || '%') AND ($3::text IS NULL OR l.tier = $3)`;

export interface LineFilter {
  /** path prefix of a unit's subtree, or null */
  path: string | null;
  tier: string | null;
}

/** settlement with its settlement_line rows and settlement_payout (each task's line paid in one confirmed settlement). */
@Injectable()
export class SettlementRepository {
  /** The id of the task's settlement for the period, or undefined. */
  async idFor(db: Db, taskId: number, period: string): Promise<number | undefined> {
    return (await queryOne<{ id: number }>(db, `SELECT id FROM settlement WHERE task_id = $1 AND period = $2`, [taskId, period]))?.id;
  }

  /** The (task id, period) pairs settled among the tasks, as `${taskId} ${period}`. */
  async settledPeriods(db: Db, taskIds: number[]): Promise<Set<string>> {
    if (!taskIds.length) return new Set();
    const rows = await queryRows<{ task_id: number; period: string }>(db, `SELECT task_id, period FROM settlement WHERE task_id = ANY($1::int[])`, [taskIds]);
    return new Set(rows.map((r) => `${r.task_id} ${r.period}`));
  }

  /** Inserts a draft unless the task has one for the period: the new id, or undefined. */
  async insertDraft(
    m: EntityManager,
    s: { taskId: number; period: string; asOf: string; settings: IncentiveSettings; totals: SettlementTotals; computedAt: Date; computedBy: number | null },
  ): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(
      m,
      `INSERT INTO settlement (task_id, period, as_of, state, settings, totals, computed_at, computed_by)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7) ON CONFLICT (task_id, period) DO NOTHING RETURNING id`,
      [s.taskId, s.period, s.asOf, JSON.stringify(s.settings), JSON.stringify(s.totals), s.computedAt, s.computedBy],
    );
    return row?.id;
  }

  /** Inserts the lines of a settlement (2000 a statement). */
  async insertLines(m: EntityManager, settlementId: number, lines: SettlementLine[]): Promise<void> {
    for (let i = 0; i < lines.length; i += 2000) {
      await m.query(
        `INSERT INTO settlement_line (settlement_id, task_id, unit_id, cadre_user_id, target, new_enrolees, mobilised, rate, tier, reward, deduction, criticism, talk, admonition, written_explanation)
         SELECT $1, l."taskId", l."unitId", l."cadreUserId", l.target, l."newEnrolees", l.mobilised, l.rate, l.tier, l.reward, l.deduction, l.criticism, l.talk, l.admonition, l."writtenExplanation"
           FROM jsonb_to_recordset($2::jsonb) AS l("taskId" int, "unitId" int, "cadreUserId" int, target numeric, "newEnrolees" numeric, mobilised numeric, rate numeric, tier text,
                reward numeric, deduction numeric, criticism boolean, talk boolean, admonition boolean, "writtenExplanation" boolean)`,
        [settlementId, JSON.stringify(lines.slice(i, i + 2000))],
      );
    }
  }

  /** Deletes the settlement's lines. */
  async deleteLines(m: EntityManager, settlementId: number): Promise<void> {
    await m.query(`DELETE FROM settlement_line WHERE settlement_id = $1`, [settlementId]);
  }

  /** Stores a recomputation's settings and totals. */
  async updateComputed(m: EntityManager, id: number, settings: IncentiveSettings, totals: SettlementTotals, at: Date, by: number): Promise<void> {
    await m.query(`UPDATE settlement SET settings = $2, totals = $3, computed_at = $4, computed_by = $5 WHERE id = $1`, [
      id,
      JSON.stringify(settings),
      JSON.stringify(totals),
      at,
      by,
    ]);
  }

  /** Marks the settlement confirmed. */
  async confirm(m: EntityManager, id: number, at: Date, by: number): Promise<void> {
    await m.query(`UPDATE settlement SET state = 'confirmed', confirmed_at = $2, confirmed_by = $3 WHERE id = $1`, [id, at, by]);
  }

  /** Enters the settlement's tasks in settlement_payout, where not paid already elsewhere (ON CONFLICT (task_id) DO NOTHING). */
  async enterPayouts(m: EntityManager, id: number): Promise<void> {
    await m.query(
      `INSERT INTO settlement_payout (task_id, settlement_id) SELECT DISTINCT task_id, $1::int FROM settlement_line WHERE settlement_id = $1::int ON CONFLICT (task_id) DO NOTHING`,
      [id],
    );
  }

  /** The settlement's lines whose task is paid in another settlement: that settlement, the unit's name and the cadre's, by unit code and task. */
  paidElsewhere(m: EntityManager, id: number): Promise<{ settlement_id: number; unit: string; cadre: string | null }[]> {
    return queryRows(
      m,
      `SELECT p.settlement_id, o.name AS unit, k.display_name AS cadre
         FROM settlement_line l JOIN settlement_payout p ON p.task_id = l.task_id AND p.settlement_id <> $1
         JOIN org_unit_v o ON o.id = l.unit_id LEFT JOIN org_user_v k ON k.id = l.cadre_user_id
        WHERE l.settlement_id = $1 ORDER BY o.code, l.task_id`,
      [id],
    );
  }

  /** The settlement locked FOR UPDATE (its task, as-of date, state and totals), or undefined. */
  lock(m: EntityManager, id: number): Promise<LockedSettlement | undefined> {
    return queryOne(m, `SELECT s.id, s.task_id, to_char(s.as_of, 'YYYY-MM-DD') AS as_of, s.state, s.totals FROM settlement s WHERE s.id = $1 FOR UPDATE`, [id]);
  }

  /** One settlement without its lines, or undefined. */
  view(db: Db, id: number): Promise<SettlementView | undefined> {
    return queryOne(db, `SELECT ${VIEW_COLS} FROM ${VIEW_FROM} WHERE s.id = $1`, [id]);
  }

  /** The settlement's lines in order, with unit code and name and the cadre's name. */
  lines(db: Db, id: number): Promise<SettlementLine[]> {
    return this.linePage(db, id, { path: null, tier: null }, {}, 0, null);
  }

  /** A page of the settlement's lines (LINE_WHERE), in computed order unless sorted; limit null: all. */
  linePage(db: Db, id: number, f: LineFilter, sort: SortParams<SettlementLineSort>, offset: number, limit: number | null): Promise<SettlementLine[]> {
    return queryRows(
      db,
      `SELECT l.task_id AS "taskId", l.unit_id AS "unitId", o.code AS "unitCode", o.name AS "unitName", l.cadre_user_id AS "cadreUserId",
              u.display_name AS "cadreName", l.target::text AS target, l.new_enrolees::text AS "newEnrolees", l.mobilised::text AS mobilised, l.rate::text AS rate,
              round(l.rate * 100, 1)::text AS "ratePct", l.tier, l.reward::text AS reward, l.deduction::text AS deduction,
              l.criticism, l.talk, l.admonition, l.written_explanation AS "writtenExplanation"
         FROM settlement_line l JOIN org_unit_v o ON o.id = l.unit_id LEFT JOIN org_user_v u ON u.id = l.cadre_user_id
        WHERE ${LINE_WHERE} ${orderBySql(sort, LINE_ORDER, 'l.id')} OFFSET $4 LIMIT $5`,
      [id, f.path, f.tier, offset, limit],
    );
  }

  /** How many of the settlement's lines pass the filter. */
  async lineCount(db: Db, id: number, f: LineFilter): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM settlement_line l JOIN org_unit_v o ON o.id = l.unit_id WHERE ${LINE_WHERE}`,
      [id, f.path, f.tier],
    );
    return n;
  }

  /** A page of the settlements of the tasks (of one state, or any when null), newest first unless sorted, without lines. */
  list(db: Db, taskIds: number[], state: string | null, sort: SortParams<SettlementSort>, offset: number, limit: number): Promise<SettlementView[]> {
    return queryRows(db, `SELECT ${VIEW_COLS} FROM ${VIEW_FROM} WHERE ${LIST_WHERE} ${orderBySql(sort, LIST_ORDER, 's.id DESC')} OFFSET $3 LIMIT $4`, [
      taskIds,
      state,
      offset,
      limit,
    ]);
  }

  /** How many settlements the tasks have (of one state, or any when null). */
  async count(db: Db, taskIds: number[], state: string | null): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM settlement s WHERE ${LIST_WHERE}`, [taskIds, state]);
    return n;
  }
}
