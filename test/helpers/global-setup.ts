import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabase, typeormOptions, withDatabase } from '../../libs/core/src';

/** One template per jest run (parallel runs on one server must not drop each other's template). */
export const templateDb = (): string => process.env.YINGBAO_TEMPLATE_DB ?? 'yingbao_template';
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Migrates a template database once per run; each test file clones it (CREATE DATABASE ... TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  process.env.YINGBAO_TEMPLATE_DB = `yingbao_template_${process.pid}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`);
  await admin.end();
  const url = withDatabase(SERVER_URL, templateDb());
  await ensureDatabase(url);
  const ds = new DataSource(typeormOptions(url));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
