import { EntityManager } from 'typeorm';

/**
 * Judges tasks (and their ancestors) against their figures and writes met / open / overdue as migration
 * TaskMetStatus1764001000000 describes: call it in the transaction that changed a figure or a target. It locks
 * only rows it changes, skipping those another transaction holds (never waits); the deadline reconciler's sweep
 * judges a skipped task again. Answers how many tasks changed.
 */
export async function refreshAttainment(m: EntityManager, taskIds: number[], now: Date): Promise<number> {
  if (!taskIds.length) return 0;
  const [r]: { n: number }[] = await m.query(`SELECT task_attainment_refresh($1::int[], $2) AS n`, [taskIds, now]);
  return r.n;
}
