import { AuditLogEntry, AuditLogRepository, AuthUser, maskPhone, Page, pageOf } from '#core';
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
    private readonly entries: AuditLogRepository,
  ) {}

  async list(user: AuthUser, q: AuditQuery): Promise<Page<AuditLogEntry>> {
    const [items, total] = await this.entries.page(this.dataSource.manager, {
      scope: this.scope.scopeOf(user),
      entity: q.entity,
      entityId: q.entityId,
      action: q.action,
      actor: q.actor,
      offset: q.offset,
      limit: q.pageSize,
    });
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
