import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Table ownership (libs/platform/src/table-owners.ts): the views through which other libraries read campaigns' tasks
 * and indicators set-based (a settlement list names each row's unit and indicator). Plain projections of one table,
 * as the reader views before them, so the planner inlines them and campaigns' indexes serve the reader's query.
 */
const VIEWS = [
  `CREATE VIEW campaigns_task_v AS
     SELECT id, campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline, status FROM task`,
  `CREATE VIEW campaigns_indicator_v AS SELECT id, campaign_id, code, name, unit, kind, insurance_type FROM indicator`,
];

export class TaskIndicatorViews1764001230000 implements MigrationInterface {
  name = 'TaskIndicatorViews1764001230000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of VIEWS) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW campaigns_indicator_v, campaigns_task_v`);
  }
}
