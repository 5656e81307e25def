import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task met at its deadline had its overdue event done without notices (skip_reason 'met'). When its
 * figure later falls below the target (a correction down, a new split raising it), it turns overdue: the
 * refresh now opens that event again, so the reconciler sends the 未完成 notices and escalations it was spared.
 */
export class MetThenUnmet1764001195000 implements MigrationInterface {
  name = 'MetThenUnmet1764001195000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION task_attainment_refresh(p_ids int[], p_now timestamptz) RETURNS int LANGUAGE plpgsql SET jit = off AS $$
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
        -- met at its deadline, unmet now (a correction down, a target raised): its overdue event runs after all
        UPDATE task_deadline_event e SET done_at = NULL, done_by = NULL, skip_reason = NULL
          FROM task t
         WHERE t.id = ANY(v_ids) AND e.task_id = t.id AND t.status = 'overdue' AND e.kind = 'overdue'
           AND e.skip_reason = 'met' AND e.deadline_version = t.deadline_version AND e.cancelled_at IS NULL;
        RETURN v_n;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION task_attainment_refresh(p_ids int[], p_now timestamptz) RETURNS int LANGUAGE plpgsql SET jit = off AS $$
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
}
