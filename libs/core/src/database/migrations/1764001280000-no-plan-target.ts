import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed 002 annex 5: a district may have no plan (汉沽, 大港: blank plan and rate, not ranked), which is not a target
 * of 0. A split line and its task keep target null for it. Such a task has nothing to miss: like a share of 0 it is
 * met from the campaign's first day, so it never turns overdue, is never reminded nor escalated.
 */
export class NoPlanTarget1764001280000 implements MigrationInterface {
  name = 'NoPlanTarget1764001280000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_line ALTER COLUMN target DROP NOT NULL`);
    await q.query(`ALTER TABLE task ALTER COLUMN target DROP NOT NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION task_met_on(p_ids int[]) RETURNS TABLE (task_id int, met_on date) LANGUAGE sql STABLE AS $$
        WITH t AS (
          SELECT t.id, t.holder_unit_id, t.holder_user_id, t.indicator_id, t.target, i.kind
            FROM task t JOIN indicator i ON i.id = t.indicator_id WHERE t.id = ANY(p_ids)
        ), series AS (
          SELECT t.id, r.as_of, sum(r.d_actual) OVER w AS actual, sum(r.d_den) OVER w AS den
            FROM t JOIN progress_rollup r ON r.unit_id = t.holder_unit_id AND r.indicator_id = t.indicator_id
           WHERE t.holder_user_id IS NULL
          WINDOW w AS (PARTITION BY t.id ORDER BY r.as_of)
          UNION ALL
          (SELECT DISTINCT ON (r.task_id, r.as_of) r.task_id, r.as_of, r.actual, coalesce(r.denominator, 0)
             FROM t JOIN progress_report r ON r.task_id = t.id
            WHERE t.holder_user_id IS NOT NULL ORDER BY r.task_id, r.as_of, r.id DESC)
        ), judged AS (
          SELECT s.id, s.as_of,
                 CASE WHEN t.kind = 'ratio' THEN s.den > 0 AND s.actual * 100 >= t.target * s.den ELSE s.actual >= t.target END AS ok
            FROM series s JOIN t ON t.id = s.id
        ), held AS (
          -- met on this date and on every later one
          SELECT id, as_of, bool_and(ok) OVER (PARTITION BY id ORDER BY as_of DESC) AS held FROM judged
        )
        SELECT id, min(d) FROM (
          SELECT id, as_of AS d FROM held WHERE held
          UNION ALL
          -- a share of 0, or no plan at all (target null), is met from the campaign's first day, reported on or not
          SELECT t.id, c.starts_on FROM t JOIN task x ON x.id = t.id JOIN campaign c ON c.id = x.campaign_id WHERE t.target IS NULL OR t.target <= 0
        ) m GROUP BY id
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION task_met_on(p_ids int[]) RETURNS TABLE (task_id int, met_on date) LANGUAGE sql STABLE AS $$
        WITH t AS (
          SELECT t.id, t.holder_unit_id, t.holder_user_id, t.indicator_id, t.target, i.kind
            FROM task t JOIN indicator i ON i.id = t.indicator_id WHERE t.id = ANY(p_ids)
        ), series AS (
          SELECT t.id, r.as_of, sum(r.d_actual) OVER w AS actual, sum(r.d_den) OVER w AS den
            FROM t JOIN progress_rollup r ON r.unit_id = t.holder_unit_id AND r.indicator_id = t.indicator_id
           WHERE t.holder_user_id IS NULL
          WINDOW w AS (PARTITION BY t.id ORDER BY r.as_of)
          UNION ALL
          (SELECT DISTINCT ON (r.task_id, r.as_of) r.task_id, r.as_of, r.actual, coalesce(r.denominator, 0)
             FROM t JOIN progress_report r ON r.task_id = t.id
            WHERE t.holder_user_id IS NOT NULL ORDER BY r.task_id, r.as_of, r.id DESC)
        ), judged AS (
          SELECT s.id, s.as_of,
                 CASE WHEN t.kind = 'ratio' THEN s.den > 0 AND s.actual * 100 >= t.target * s.den ELSE s.actual >= t.target END AS ok
            FROM series s JOIN t ON t.id = s.id
        ), held AS (
          -- met on this date and on every later one
          SELECT id, as_of, bool_and(ok) OVER (PARTITION BY id ORDER BY as_of DESC) AS held FROM judged
        )
        SELECT id, min(d) FROM (
          SELECT id, as_of AS d FROM held WHERE held
          UNION ALL
          -- a share of 0 is met from the campaign's first day, reported on or not
          SELECT t.id, c.starts_on FROM t JOIN task x ON x.id = t.id JOIN campaign c ON c.id = x.campaign_id WHERE t.target <= 0
        ) m GROUP BY id
      $$`);
    await q.query(`UPDATE task SET target = 0 WHERE target IS NULL`);
    await q.query(`UPDATE allocation_line SET target = 0 WHERE target IS NULL`);
    await q.query(`ALTER TABLE task ALTER COLUMN target SET NOT NULL`);
    await q.query(`ALTER TABLE allocation_line ALTER COLUMN target SET NOT NULL`);
  }
}
