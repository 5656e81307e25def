import { AppConfig, ensureDatabase, Role, typeormOptions } from '#core';
import { hashPassword, PLACEHOLDER_ROOT } from '#org';
import { DataSource } from 'typeorm';
import { DemoLogin } from './demo/demo-org';
import { seedDemo } from './demo/seed-demo';

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

/**
 * First start on an empty database: user admin with ADMIN_PASSWORD, at the root (a placeholder root if there is no tree yet).
 * In production that password sits in the deployment's environment, so it must be changed at first login;
 * in development and test it is the documented one and is not forced.
 */
export async function ensureAdmin(ds: DataSource, config: AppConfig): Promise<void> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'admin'`);
  if (n > 0) return;
  // the one root (index org_unit_one_root); without a tree yet, a placeholder the first top unit takes over
  let [top] = await ds.query(`SELECT id FROM org_unit WHERE parent_id IS NULL`);
  if (!top) {
    [top] = await ds.query(
      `INSERT INTO org_unit (id, code, name, level, path, depth) SELECT v, $1, $2, $3, '/' || v || '/', 0 FROM nextval('org_unit_id_seq') v RETURNING id`,
      [PLACEHOLDER_ROOT.code, PLACEHOLDER_ROOT.name, PLACEHOLDER_ROOT.level],
    );
  }
  await ds.query(
    `INSERT INTO app_user (username, display_name, org_unit_id, roles, password_hash, must_change_password)
     VALUES ('admin', '系统管理员', $1, $2, $3, $4) ON CONFLICT (username) DO NOTHING`,
    [top.id, [Role.Admin], await hashPassword(config.adminPassword, config.BCRYPT_COST), config.isProduction],
  );
}
