import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditLogEntry } from './audit-log.entity';

/** Filters of an audit log read: a path prefix ('' for all) and exact values. */
export interface AuditLogFilter {
  pathPrefix: string;
  entity?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  offset: number;
  limit: number;
}

/** Every statement on audit_log. */
@Injectable()
export class AuditLogRepository {
  /** Inserts audit rows in one statement. */
  async insertMany(m: EntityManager, rows: QueryDeepPartialEntity<AuditLogEntry>[]): Promise<void> {
    await m.createQueryBuilder().insert().into(AuditLogEntry).values(rows).execute();
  }

  /** A page of entries, newest first, with the total. */
  page(m: EntityManager, f: AuditLogFilter): Promise<[AuditLogEntry[], number]> {
    const qb = m.createQueryBuilder(AuditLogEntry, 'a').orderBy('a.id', 'DESC').offset(f.offset).limit(f.limit);
    if (f.pathPrefix) qb.where('a.org_unit_path LIKE :p', { p: `${f.pathPrefix}%` });
    if (f.entity) qb.andWhere('a.entity = :entity', { entity: f.entity });
    if (f.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: f.entityId });
    if (f.action) qb.andWhere('a.action = :action', { action: f.action });
    if (f.actor) qb.andWhere('a.actor_username = :actor', { actor: f.actor });
    return qb.getManyAndCount();
  }
}
