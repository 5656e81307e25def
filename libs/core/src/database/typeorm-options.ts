import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM options: the schema comes only from migrations (synchronize off, explicit migration list), and there
 * are no entities: every statement is SQL in a repository (libs/core/src/database/sql.ts).
 */
export function typeormOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [],
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { max: 10 },
    logging: false,
  };
}
