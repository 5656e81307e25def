import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 §5: a reminder the reconciler handles without sending says why, on its row (done_at is stamped as for any
 * handled event, so "pending" stays done_at IS NULL AND cancelled_at IS NULL):
 *   passed      its moment and its date (deadline or milestone) had both passed when it ran (a late catch-up)
 *   superseded  a later reminder for the same date was due too; that one went out, with the true days left
 *   met         the task was met or completed: no "please push on"
 * NULL on a done reminder means it was sent.
 */
export class DeadlineEventSkipped1764001120000 implements MigrationInterface {
  name = 'DeadlineEventSkipped1764001120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE task_deadline_event ADD COLUMN skip_reason text CHECK (skip_reason IN ('passed','superseded','met')),
         ADD CONSTRAINT task_deadline_event_skip_done CHECK (skip_reason IS NULL OR done_at IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task_deadline_event DROP COLUMN skip_reason`);
  }
}
