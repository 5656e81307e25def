import { AuditLogEntry, AuthUser, maskPhone, Page, pageOf } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditQuery } from '../dto/user.dto';
import { ScopeService } from './scope.service';

/** Reads the audit log: newest first, limited to entries of the caller's subtree. */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async list(user: AuthUser, q: AuditQuery): Promise<Page<AuditLogEntry>> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditLogEntry, 'a').orderBy('a.id', 'DESC').offset(q.offset).limit(q.pageSize);
    const prefix = this.scope.scopePrefix(user);
    if (prefix) qb.where('a.org_unit_path LIKE :p', { p: `${prefix}%` });
    if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.actor) qb.andWhere('a.actor_username = :actor', { actor: q.actor });
    const [items, total] = await qb.getManyAndCount();
    return pageOf(
      items.map((a) => ({ ...a, changes: maskPhones(a.changes) as Record<string, unknown> | null })),
      total,
      q,
    );
  }
}

const PHONE_KEY = /phone|mobile/i;

/** Every value under a phone-like key masked, at any depth (before/after of changes, nested records). */
export function maskPhones(value: unknown, underPhoneKey = false): unknown {
  if (Array.isArray(value)) return value.map((v) => maskPhones(v, underPhoneKey));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPhones(v, underPhoneKey || PHONE_KEY.test(k))]));
  }
  return underPhoneKey && typeof value === 'string' ? maskPhone(value) : value;
}
