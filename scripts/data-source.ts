import { loadConfig, typeormOptions, AuditLogEntry } from '#core';
import { OrgUnit, User } from '#org';
import { DataSource } from 'typeorm';

/** For the TypeORM CLI (npm run migration:generate -- libs/core/src/database/migrations/Name): every entity, the migration list. */
export default new DataSource({ ...typeormOptions(loadConfig().DATABASE_URL), entities: [AuditLogEntry, OrgUnit, User] });
