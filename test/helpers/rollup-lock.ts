import { DataSource } from 'typeorm';
import { waitFor } from './test-app';

/**
 * Holds the progress rollup lock (migration 1764000800000) in a transaction of its own, as a report
 * (`shared`) or an approval (`exclusive`) in flight would, while `during` runs; then lets it go.
 */
export async function whileRollupLocked<T>(ds: DataSource, mode: 'shared' | 'exclusive', during: () => Promise<T>): Promise<T> {
  const holder = ds.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  await holder.query(`SELECT progress_rollup_lock($1)`, [mode === 'exclusive']);
  try {
    return await during();
  } finally {
    await holder.commitTransaction();
    await holder.release();
  }
}

/** Resolves once some session of this database waits for an advisory lock. */
export async function someoneWaitsForTheLock(ds: DataSource): Promise<void> {
  await waitFor(async () => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`);
    return n > 0 || null;
  });
}

/** 'free' if another transaction could lock the row at once (`SELECT … FOR UPDATE NOWAIT`), else the error code (55P03). */
export function rowLockable(ds: DataSource, table: 'task' | 'allocation', id: number): Promise<string> {
  return ds
    .transaction((m) => m.query(`SELECT id FROM ${table} WHERE id = $1 FOR UPDATE NOWAIT`, [id]))
    .then(
      () => 'free',
      (e: { code?: string }) => String(e.code),
    );
}
