import { checkRedis, ConfigError, loadConfig, ServiceUnavailableError, typeormOptions } from '#core';
import { DEMO_PASSWORD, prepareDatabase } from '#platform';
import { DataSource } from 'typeorm';

/** npm start, step 1: services reachable, database created and migrated, demo loaded on a non-production database without it, admin present. */
async function main(): Promise<void> {
  const config = loadConfig();
  await checkRedis(config);
  const loaded = await prepareDatabase(config, (l) => console.log(l), true);
  if (config.isProduction) return;
  console.log(loaded ? 'demo data loaded (fictional city 云帆市)' : 'demo data already present (or the database holds other data)');
  const ds = new DataSource(typeormOptions(config.DATABASE_URL));
  await ds.initialize();
  try {
    const rows: { username: string; role: string; who?: string }[] =
      loaded ?? (await ds.query(`SELECT username, array_to_string(roles, ',') AS role FROM app_user WHERE username <> 'admin' ORDER BY id LIMIT 20`));
    console.log('\nLogins:');
    console.log(`  admin                 password ${config.adminPassword}   (administrator)`);
    for (const l of rows) console.log(`  ${l.username.padEnd(21)} password ${DEMO_PASSWORD}    ${l.role}${l.who ? ' - ' + l.who : ''}`);
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof ServiceUnavailableError ? e.message : e);
  process.exit(1);
});
