import { MigrationInterface, QueryRunner } from 'typeorm';

/** As in ProgressRollup1764000400002. */
const APPLY = (source: string) => `
  INSERT INTO progress_rollup AS p (unit_id, indicator_id, as_of, d_actual, d_den)
  SELECT a.unit_id, s.indicator_id, s.as_of, sum(s.sign * s.d_actual), sum(s.sign * s.d_den)
    FROM ${source} s CROSS JOIN LATERAL unnest(string_to_array(btrim(s.path, '/'), '/')::int[]) AS a(unit_id)
   GROUP BY 1, 2, 3
  HAVING sum(s.sign * s.d_actual) <> 0 OR sum(s.sign * s.d_den) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, indicator_id, as_of) DO UPDATE SET d_actual = p.d_actual + excluded.d_actual, d_den = p.d_den + excluded.d_den`;

/**
 * Issue 21 (dashboards at province scale): progress_refresh_tasks picked its tasks with `id = ANY(p_ids)`.
 * Planned for a handful of ids, that is a scan of task testing each row against the whole array, so a
 * statement inserting the 480 000 village tasks of a 60 000-village tree compared 480 000 rows with
 * 500 000 ids (hours). The ids now come as a set (IN (SELECT unnest(p_ids))): a hash or index join,
 * whatever their number. The function is otherwise unchanged.
 */
export class RollupRefreshIdSet1764001390001 implements MigrationInterface {
  name = 'RollupRefreshIdSet1764001390001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION progress_refresh_tasks(p_ids int[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
        -- A unit move in flight holds its unit rows, then locks leaves: wait for it first (units, then leaves,
        -- the move's order), so the paths read below are the moved ones and the task is not counted under
        -- its old ancestors for good.
        PERFORM 1 FROM org_unit WHERE id IN (SELECT holder_unit_id FROM task WHERE id IN (SELECT unnest(p_ids))) ORDER BY id FOR SHARE;
        INSERT INTO progress_leaf (task_id, indicator_id)
        SELECT id, indicator_id FROM task WHERE id IN (SELECT unnest(p_ids)) ORDER BY id ON CONFLICT (task_id) DO NOTHING;
        PERFORM 1 FROM progress_leaf WHERE task_id IN (SELECT unnest(p_ids)) ORDER BY task_id FOR UPDATE;
        WITH cur AS (
          SELECT t.id AS task_id,
                 CASE WHEN t.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM task c WHERE c.parent_task_id = t.id AND c.withdrawn_at IS NULL)
                      THEN o.path END AS path
            FROM task t JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.id IN (SELECT unnest(p_ids))
        ), chg AS (
          SELECT l.task_id, l.indicator_id, l.counted_path AS old_path, cur.path AS new_path
            FROM progress_leaf l JOIN cur USING (task_id) WHERE l.counted_path IS DISTINCT FROM cur.path
        ), upd AS (
          UPDATE progress_leaf l SET counted_path = chg.new_path FROM chg WHERE l.task_id = chg.task_id
        ), moves AS (
          SELECT task_id, indicator_id, old_path AS path, -1 AS sign FROM chg WHERE old_path IS NOT NULL
          UNION ALL
          SELECT task_id, indicator_id, new_path, 1 FROM chg WHERE new_path IS NOT NULL
        ), per_day AS (
          SELECT DISTINCT ON (r.task_id, r.as_of) r.task_id, r.as_of, r.actual, coalesce(r.denominator, 0) AS den
            FROM progress_report r WHERE r.task_id IN (SELECT task_id FROM chg)
           ORDER BY r.task_id, r.as_of, r.id DESC
        ), steps AS (
          SELECT m.sign, m.indicator_id, m.path, d.as_of, d.d_actual, d.d_den
            FROM moves m JOIN (
              SELECT task_id, as_of, actual - coalesce(lag(actual) OVER w, 0) AS d_actual, den - coalesce(lag(den) OVER w, 0) AS d_den
                FROM per_day WINDOW w AS (PARTITION BY task_id ORDER BY as_of)) d USING (task_id)
        )${APPLY('steps')};
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION progress_refresh_tasks(p_ids int[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
        -- A unit move in flight holds its unit rows, then locks leaves: wait for it first (units, then leaves,
        -- the move's order), so the paths read below are the moved ones and the task is not counted under
        -- its old ancestors for good.
        PERFORM 1 FROM org_unit WHERE id IN (SELECT holder_unit_id FROM task WHERE id = ANY(p_ids)) ORDER BY id FOR SHARE;
        INSERT INTO progress_leaf (task_id, indicator_id)
        SELECT id, indicator_id FROM task WHERE id = ANY(p_ids) ORDER BY id ON CONFLICT (task_id) DO NOTHING;
        PERFORM 1 FROM progress_leaf WHERE task_id = ANY(p_ids) ORDER BY task_id FOR UPDATE;
        WITH cur AS (
          SELECT t.id AS task_id,
                 CASE WHEN t.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM task c WHERE c.parent_task_id = t.id AND c.withdrawn_at IS NULL)
                      THEN o.path END AS path
            FROM task t JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.id = ANY(p_ids)
        ), chg AS (
          SELECT l.task_id, l.indicator_id, l.counted_path AS old_path, cur.path AS new_path
            FROM progress_leaf l JOIN cur USING (task_id) WHERE l.counted_path IS DISTINCT FROM cur.path
        ), upd AS (
          UPDATE progress_leaf l SET counted_path = chg.new_path FROM chg WHERE l.task_id = chg.task_id
        ), moves AS (
          SELECT task_id, indicator_id, old_path AS path, -1 AS sign FROM chg WHERE old_path IS NOT NULL
          UNION ALL
          SELECT task_id, indicator_id, new_path, 1 FROM chg WHERE new_path IS NOT NULL
        ), per_day AS (
          SELECT DISTINCT ON (r.task_id, r.as_of) r.task_id, r.as_of, r.actual, coalesce(r.denominator, 0) AS den
            FROM progress_report r WHERE r.task_id IN (SELECT task_id FROM chg)
           ORDER BY r.task_id, r.as_of, r.id DESC
        ), steps AS (
          SELECT m.sign, m.indicator_id, m.path, d.as_of, d.d_actual, d.d_den
            FROM moves m JOIN (
              SELECT task_id, as_of, actual - coalesce(lag(actual) OVER w, 0) AS d_actual, den - coalesce(lag(den) OVER w, 0) AS d_den
                FROM per_day WINDOW w AS (PARTITION BY task_id ORDER BY as_of)) d USING (task_id)
        )${APPLY('steps')};
      END $$`);
  }
}
