import { MigrationInterface, QueryRunner } from 'typeorm';

/** The step deltas of a set of counted leaves, signed and spread over every ancestor-or-self unit of their path, upserted into progress_rollup. */
const APPLY = (source: string) => `
  INSERT INTO progress_rollup AS p (unit_id, indicator_id, as_of, d_actual, d_den)
  SELECT a.unit_id, s.indicator_id, s.as_of, sum(s.sign * s.d_actual), sum(s.sign * s.d_den)
    FROM ${source} s CROSS JOIN LATERAL unnest(string_to_array(btrim(s.path, '/'), '/')::int[]) AS a(unit_id)
   GROUP BY 1, 2, 3
  HAVING sum(s.sign * s.d_actual) <> 0 OR sum(s.sign * s.d_den) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, indicator_id, as_of) DO UPDATE SET d_actual = p.d_actual + excluded.d_actual, d_den = p.d_den + excluded.d_den`;

/**
 * The rollup as data, so that a dashboard costs the same for any date (issue 4, benchmark).
 *
 * progress_rollup holds, per unit, indicator and date, the change of the unit's figure on that date: the
 * sum over every counted leaf task held in the unit's subtree of (value that counts on that date - value
 * that counted on the leaf's previous report date), plus the inspection credits of the subtree dated
 * that day. A unit's figure as of D is then sum(d_actual) over as_of <= D: one short index range per
 * unit, however many villages and reports lie below.
 *
 * A leaf is counted (progress_leaf.counted_path not null) when it is live and has no live child task,
 * under the path of its holder at that moment. Triggers keep both tables exact in the writing
 * transaction, whoever writes (campaigns' allocations, reports, credits, a moved unit, a test factory):
 *   - a report: the leaf's step function with the new rows minus without them;
 *   - a task inserted, withdrawn, re-parented or moved: the task and its parents are re-judged and a
 *     leaf that stops (starts) counting has its whole step function removed (added);
 *   - a unit whose path changes: its tasks and credits move from the old ancestors to the new ones.
 * Row locks on progress_leaf (taken in task id order) serialise concurrent changes of one task. The
 * functions run with jit off: their estimates over transition tables are rough, and compiling a plan
 * costs far more than a report's few rows.
 */
export class ProgressRollup1764000400002 implements MigrationInterface {
  name = 'ProgressRollup1764000400002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE progress_leaf (
        task_id       int PRIMARY KEY REFERENCES task(id) ON DELETE CASCADE,
        indicator_id  int NOT NULL,
        counted_path  text
      )`);
    await q.query(`
      CREATE TABLE progress_rollup (
        unit_id       int NOT NULL,
        indicator_id  int NOT NULL,
        as_of         date NOT NULL,
        d_actual      numeric NOT NULL,
        d_den         numeric NOT NULL,
        PRIMARY KEY (unit_id, indicator_id, as_of)
      )`);
    // Enrolments credited to a unit from outside its reports (issue 6: an inspection case closed as
    // rectified). Counted once, in the figure of the unit and of each of its ancestors, as of credited_on.
    await q.query(`
      CREATE TABLE progress_credit (
        id            bigserial PRIMARY KEY,
        campaign_id   int NOT NULL REFERENCES campaign(id),
        indicator_id  int NOT NULL REFERENCES indicator(id),
        org_unit_id   int NOT NULL REFERENCES org_unit(id),
        amount        numeric NOT NULL CHECK (amount > 0),
        credited_on   date NOT NULL,
        source        text NOT NULL CHECK (source IN ('inspection')),
        source_ref    text NOT NULL,
        counted_path  text NOT NULL,
        recorded_at   timestamptz NOT NULL,
        UNIQUE (source, source_ref, indicator_id)
      )`);
    await q.query(`CREATE INDEX progress_credit_unit_idx ON progress_credit (org_unit_id)`);
    await q.query(`CREATE INDEX progress_credit_indicator_idx ON progress_credit (indicator_id, credited_on)`);

    // Re-judges tasks: a task whose counted path changed (stopped/started counting, or moved) has its
    // step function (latest report per date, change from the previous date) moved accordingly.
    await q.query(`
      CREATE FUNCTION progress_refresh_tasks(p_ids int[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
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

    // New reports: the counted leaves' step functions with the new rows (+1) minus without them (-1).
    await q.query(`
      CREATE FUNCTION progress_report_inserted() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        PERFORM 1 FROM progress_leaf WHERE task_id IN (SELECT task_id FROM new_reports) ORDER BY task_id FOR UPDATE;
        WITH counted AS (
          SELECT l.task_id, l.indicator_id, l.counted_path AS path FROM progress_leaf l
           WHERE l.counted_path IS NOT NULL AND l.task_id IN (SELECT task_id FROM new_reports)
        ), versions AS (
          SELECT 1 AS sign, c.task_id, c.indicator_id, c.path, r.id, r.as_of, r.actual, r.denominator
            FROM counted c JOIN progress_report r ON r.task_id = c.task_id
          UNION ALL
          SELECT -1, c.task_id, c.indicator_id, c.path, r.id, r.as_of, r.actual, r.denominator
            FROM counted c JOIN progress_report r ON r.task_id = c.task_id
           WHERE NOT EXISTS (SELECT 1 FROM new_reports n WHERE n.id = r.id)
        ), per_day AS (
          SELECT DISTINCT ON (sign, task_id, as_of) sign, task_id, indicator_id, path, as_of, actual, coalesce(denominator, 0) AS den
            FROM versions ORDER BY sign, task_id, as_of, id DESC
        ), steps AS (
          SELECT sign, indicator_id, path, as_of,
                 actual - coalesce(lag(actual) OVER w, 0) AS d_actual, den - coalesce(lag(den) OVER w, 0) AS d_den
            FROM per_day WINDOW w AS (PARTITION BY sign, task_id ORDER BY as_of)
        )${APPLY('steps')};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER progress_report_rollup AFTER INSERT ON progress_report
      REFERENCING NEW TABLE AS new_reports FOR EACH STATEMENT EXECUTE FUNCTION progress_report_inserted()`);

    await q.query(`
      CREATE FUNCTION progress_task_inserted() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        PERFORM progress_refresh_tasks(ARRAY(SELECT id FROM new_tasks UNION SELECT parent_task_id FROM new_tasks WHERE parent_task_id IS NOT NULL));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER progress_task_inserted AFTER INSERT ON task
      REFERENCING NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION progress_task_inserted()`);
    // Only a change of liveness, parent or holder matters (targets, deadlines and statuses do not).
    await q.query(`
      CREATE FUNCTION progress_task_updated() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        PERFORM progress_refresh_tasks(ARRAY(
          SELECT x FROM new_tasks n JOIN old_tasks o USING (id)
                 CROSS JOIN LATERAL (VALUES (n.id), (n.parent_task_id), (o.parent_task_id)) AS v(x)
           WHERE x IS NOT NULL
             AND ((n.withdrawn_at IS NULL) <> (o.withdrawn_at IS NULL)
                  OR n.parent_task_id IS DISTINCT FROM o.parent_task_id OR n.holder_unit_id <> o.holder_unit_id)));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER progress_task_updated AFTER UPDATE ON task
      REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION progress_task_updated()`);
    await q.query(`
      CREATE FUNCTION progress_task_deleted() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        PERFORM progress_refresh_tasks(ARRAY(SELECT parent_task_id FROM old_tasks WHERE parent_task_id IS NOT NULL));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER progress_task_deleted AFTER DELETE ON task
      REFERENCING OLD TABLE AS old_tasks FOR EACH STATEMENT EXECUTE FUNCTION progress_task_deleted()`);

    await q.query(`
      CREATE FUNCTION progress_credit_inserted() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        WITH steps AS (SELECT 1 AS sign, indicator_id, counted_path AS path, credited_on AS as_of, amount AS d_actual, 0 AS d_den FROM new_credits)
        ${APPLY('steps')};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER progress_credit_inserted AFTER INSERT ON progress_credit
      REFERENCING NEW TABLE AS new_credits FOR EACH STATEMENT EXECUTE FUNCTION progress_credit_inserted()`);

    // A moved unit (org: one UPDATE of the path prefix) takes its leaves and credits to its new ancestors.
    await q.query(`
      CREATE FUNCTION progress_unit_moved() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      DECLARE moved int[];
      BEGIN
        moved := ARRAY(SELECT n.id FROM new_units n JOIN old_units o USING (id) WHERE n.path <> o.path);
        IF cardinality(moved) = 0 THEN RETURN NULL; END IF;
        PERFORM progress_refresh_tasks(ARRAY(SELECT id FROM task WHERE holder_unit_id = ANY(moved)));
        PERFORM 1 FROM progress_credit WHERE org_unit_id = ANY(moved) ORDER BY id FOR UPDATE;
        WITH chg AS (
          SELECT c.id, c.indicator_id, c.credited_on, c.amount, c.counted_path AS old_path, o.path AS new_path
            FROM progress_credit c JOIN org_unit o ON o.id = c.org_unit_id
           WHERE c.org_unit_id = ANY(moved) AND c.counted_path <> o.path
        ), upd AS (
          UPDATE progress_credit c SET counted_path = chg.new_path FROM chg WHERE c.id = chg.id
        ), steps AS (
          SELECT -1 AS sign, indicator_id, old_path AS path, credited_on AS as_of, amount AS d_actual, 0 AS d_den FROM chg
          UNION ALL
          SELECT 1, indicator_id, new_path, credited_on, amount, 0 FROM chg
        )${APPLY('steps')};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER progress_unit_moved AFTER UPDATE ON org_unit
      REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION progress_unit_moved()`);

    // Existing data: every task judged once.
    await q.query(`SELECT progress_refresh_tasks(ARRAY(SELECT id FROM task ORDER BY id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER progress_unit_moved ON org_unit`);
    await q.query(`DROP TRIGGER progress_credit_inserted ON progress_credit`);
    await q.query(`DROP TRIGGER progress_task_deleted ON task`);
    await q.query(`DROP TRIGGER progress_task_updated ON task`);
    await q.query(`DROP TRIGGER progress_task_inserted ON task`);
    await q.query(`DROP TRIGGER progress_report_rollup ON progress_report`);
    await q.query(
      `DROP FUNCTION progress_unit_moved(), progress_credit_inserted(), progress_task_deleted(), progress_task_updated(), progress_task_inserted(), progress_report_inserted(), progress_refresh_tasks(int[])`,
    );
    await q.query(`DROP TABLE progress_credit, progress_rollup, progress_leaf`);
  }
}
