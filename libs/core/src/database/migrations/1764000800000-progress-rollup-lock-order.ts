import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Writers of progress_rollup take one lock first, so that they cannot deadlock on its rows.
 *
 * A report or a credit changes its rows in one statement, in key order. A task change (an approval
 * that inserts, withdraws or re-parents tasks, one statement each) or a unit move changes rows in
 * several statements, each in key order but not in one order across them: with a report under the
 * same ancestors between two of them, each transaction could hold the row the other waits for
 * (reproduced in rollup.e2e-spec.ts: PostgreSQL aborted the report with 40P01). Now the single-statement
 * writers share an advisory lock and the multi-statement writers take it exclusively, before any row:
 * reports still run side by side, and an approval waits for the reports in flight, then holds new ones
 * back until it commits (milliseconds).
 */
export class ProgressRollupLockOrder1764000800000 implements MigrationInterface {
  name = 'ProgressRollupLockOrder1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION progress_rollup_lock(p_exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF p_exclusive THEN
          PERFORM pg_advisory_xact_lock(hashtext('progress_rollup'), 0);
        ELSE
          PERFORM pg_advisory_xact_lock_shared(hashtext('progress_rollup'), 0);
        END IF;
      END $$`);
    // TG_ARGV[0]: 'exclusive' or 'shared'
    await q.query(`
      CREATE FUNCTION progress_rollup_lock_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM progress_rollup_lock(TG_ARGV[0] = 'exclusive');
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const [name, when] of TRIGGERS) await q.query(`CREATE TRIGGER ${name} ${when}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name, when] of TRIGGERS) await q.query(`DROP TRIGGER ${name} ON ${when.match(/ ON (\w+) /)![1]}`);
    await q.query(`DROP FUNCTION progress_rollup_lock_trigger()`);
    await q.query(`DROP FUNCTION progress_rollup_lock(boolean)`);
  }
}

const SHARED = `EXECUTE FUNCTION progress_rollup_lock_trigger('shared')`;
const EXCLUSIVE = `EXECUTE FUNCTION progress_rollup_lock_trigger('exclusive')`;

/** [trigger, when it fires]: before the first row is written, so the lock precedes every rollup row. */
const TRIGGERS: [string, string][] = [
  ['progress_report_rollup_lock', `BEFORE INSERT ON progress_report FOR EACH STATEMENT ${SHARED}`],
  ['progress_credit_rollup_lock', `BEFORE INSERT ON progress_credit FOR EACH STATEMENT ${SHARED}`],
  ['progress_task_inserted_lock', `BEFORE INSERT ON task FOR EACH STATEMENT ${EXCLUSIVE}`],
  ['progress_task_deleted_lock', `BEFORE DELETE ON task FOR EACH STATEMENT ${EXCLUSIVE}`],
  // only what the rollup follows: liveness, parent and holder (as progress_task_updated)
  [
    'progress_task_updated_lock',
    `BEFORE UPDATE OF withdrawn_at, parent_task_id, holder_unit_id ON task FOR EACH ROW
     WHEN ((OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL) OR OLD.parent_task_id IS DISTINCT FROM NEW.parent_task_id OR OLD.holder_unit_id <> NEW.holder_unit_id)
     ${EXCLUSIVE}`,
  ],
  // a move rewrites the paths of a subtree in one UPDATE
  ['progress_unit_moved_lock', `BEFORE UPDATE OF path ON org_unit FOR EACH STATEMENT ${EXCLUSIVE}`],
];
