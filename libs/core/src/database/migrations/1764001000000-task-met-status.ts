import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 §1: a task whose figure reached its target is `met`, not `overdue`.
 *
 * task.met_on is the business date (a report's or credit's as_of) from which the task's figure has stayed at or
 * above its target: count/amount actual >= target; ratio numerator / denominator >= target percent. "Met late"
 * is met_on > deadline (derived, so a moved deadline judges it again). The figure is the one progress keeps: a
 * unit's task reads its unit's rollup (progress_rollup), a cadre's share its own reports.
 *
 * task_attainment_refresh(ids, now) judges the tasks and their ancestors (a figure below counts in every
 * ancestor) and writes the status that follows: met (met_on set); a met task no longer met (a correction) open
 * again, or overdue once its deadline has passed. It never makes an open task overdue: that is the deadline
 * reconciler's event, with its escalation. It only locks rows it changes, in id order, and skips rows another
 * transaction holds (SKIP LOCKED): it never waits for a task lock, so it cannot close a deadlock cycle; the
 * reconciler's sweep judges a skipped row again on its next run.
 */
export class TaskMetStatus1764001000000 implements MigrationInterface {
  name = 'TaskMetStatus1764001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task DROP CONSTRAINT task_status_check`);
    await q.query(`ALTER TABLE task ADD CONSTRAINT task_status_check CHECK (status IN ('open','met','completed','overdue'))`);
    await q.query(`ALTER TABLE task ADD COLUMN met_on date`);
    await q.query(`
      CREATE FUNCTION task_met_on(p_ids int[]) RETURNS TABLE (task_id int, met_on date) LANGUAGE sql STABLE AS $$
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
        SELECT id, min(as_of) FROM held WHERE held GROUP BY id
      $$`);
    await q.query(`
      CREATE FUNCTION task_attainment(p_ids int[], p_now timestamptz) RETURNS TABLE (task_id int, status text, met_on date) LANGUAGE sql STABLE AS $$
        SELECT t.id,
               CASE WHEN m.met_on IS NOT NULL THEN 'met'
                    WHEN t.status <> 'met' THEN t.status
                    WHEN p_now >= ((t.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') THEN 'overdue'
                    ELSE 'open' END,
               m.met_on
          FROM task t LEFT JOIN task_met_on(p_ids) m ON m.task_id = t.id
         WHERE t.id = ANY(p_ids) AND t.status <> 'completed' AND t.withdrawn_at IS NULL
      $$`);
    await q.query(`
      CREATE FUNCTION task_attainment_refresh(p_ids int[], p_now timestamptz) RETURNS int LANGUAGE plpgsql SET jit = off AS $$
      DECLARE
        v_ids int[];
        v_n int;
      BEGIN
        WITH RECURSIVE up AS (
          SELECT id, parent_task_id FROM task WHERE id = ANY(p_ids)
          UNION SELECT p.id, p.parent_task_id FROM task p JOIN up ON p.id = up.parent_task_id
        ) SELECT array_agg(id) INTO v_ids FROM up;
        SELECT array_agg(id ORDER BY id) INTO v_ids FROM (
          SELECT t.id FROM task t JOIN task_attainment(v_ids, p_now) a ON a.task_id = t.id
           WHERE (t.status, t.met_on) IS DISTINCT FROM (a.status, a.met_on)
           ORDER BY t.id FOR UPDATE OF t SKIP LOCKED) x;
        IF v_ids IS NULL THEN RETURN 0; END IF;
        UPDATE task t SET status = a.status, met_on = a.met_on, updated_at = p_now,
                          overdue_at = CASE WHEN a.status = 'overdue' THEN coalesce(t.overdue_at, p_now) ELSE t.overdue_at END
          FROM task_attainment(v_ids, p_now) a
         WHERE a.task_id = t.id AND (t.status, t.met_on) IS DISTINCT FROM (a.status, a.met_on);
        GET DIAGNOSTICS v_n = ROW_COUNT;
        RETURN v_n;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION task_attainment_refresh(int[], timestamptz)`);
    await q.query(`DROP FUNCTION task_attainment(int[], timestamptz)`);
    await q.query(`DROP FUNCTION task_met_on(int[])`);
    await q.query(`UPDATE task SET status = 'open' WHERE status = 'met'`);
    await q.query(`ALTER TABLE task DROP COLUMN met_on`);
    await q.query(`ALTER TABLE task DROP CONSTRAINT task_status_check`);
    await q.query(`ALTER TABLE task ADD CONSTRAINT task_status_check CHECK (status IN ('open','completed','overdue'))`);
  }
}
