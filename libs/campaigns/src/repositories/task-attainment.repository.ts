import { queryOne } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Judges tasks (and their ancestors) against their figures and writes met / open / overdue as migration
 * TaskMetStatus1764001000000 describes (SQL function task_attainment_refresh, which updates `task`): call it
 * in the transaction that changed a figure or a target. It locks only rows it changes, skipping those another
 * transaction holds (never waits); the deadline reconciler's sweep judges a skipped task again.
 */
@Injectable()
export class TaskAttainment {
  /** How many tasks changed. */
  async refresh(m: EntityManager, taskIds: number[], now: Date): Promise<number> {
    if (!taskIds.length) return 0;
    // answers the number of tasks whose status, met_on or overdue_at changed
    const r = await queryOne<{ n: number }>(m, `SELECT task_attainment_refresh($1::int[], $2) AS n`, [taskIds, now]);
    return r!.n;
  }
}
