import { EntityManager } from 'typeorm';

/**
 * The progress rollup lock (migration 1764000800000), taken as the FIRST statement of a transaction
 * that will write rollup rows, before it locks any row of its own: shared by a report or a credit,
 * exclusive by an allocation approval or a campaign's activation. Taken later (the triggers' backstop
 * does), it would come after the transaction's task or allocation row locks, and a report waiting for
 * it while holding its task row could deadlock with an approval that holds it and wants that task.
 */
export async function lockRollup(m: EntityManager, mode: 'shared' | 'exclusive'): Promise<void> {
  await m.query(`SELECT progress_rollup_lock($1)`, [mode === 'exclusive']);
}
