import { AppConfig, ensureDatabase, typeormOptions } from '#core';
import { DemoLogin, ensureAdmin } from '#org';
import { DataSource } from 'typeorm';
import { seedDemo } from './demo/seed-demo';

export { ensureAdmin } from '#org';

const MIGRATION_LOCK = 7_302_026; // pg advisory lock key: api and worker starting together migrate once

/**
 * Creates the database if missing, applies pending migrations, loads the demo (when asked, never in
 * production, only on a database without it) and makes sure the admin user exists.
 * Returns the demo logins when the demo was loaded now.
 */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void = () => undefined, withDemo = false): Promise<DemoLogin[] | null> {
  let logins: DemoLogin[] | null = null;
  await ensureDatabase(config.DATABASE_URL);
  const ds = new DataSource(typeormOptions(config.DATABASE_URL));
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length) log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    if (withDemo && !config.isProduction) logins = await seedDemo(ds);
    await ensureAdmin(ds, config);
    await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } finally {
    await ds.destroy();
  }
  return logins;
}
