import { AuditLogEntry, AuditLogRepository, AuthUser, Page, pageOf, ReplicaReads } from '#core';
import { Injectable } from '@nestjs/common';
import { AuditQuery } from '../dto/user.dto';
import { maskPhones } from '../rules/mask-phones';
import { ScopeService } from './scope.service';

/** Reads the audit log: newest first unless asked otherwise, limited to entries of the caller's subtree (a long list: a replica may serve it). */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly reads: ReplicaReads,
    private readonly scope: ScopeService,
    private readonly entries: AuditLogRepository,
  ) {}

  async list(user: AuthUser, q: AuditQuery): Promise<Page<AuditLogEntry>> {
    const [items, total] = await this.entries.page(this.reads.manager, {
      scope: this.scope.scopeOf(user),
      entity: q.entity,
      entityId: q.entityId,
      action: q.action,
      actor: q.actor,
      from: q.from,
      to: q.to,
      offset: q.offset,
      limit: q.pageSize,
      sort: q,
    });
    return pageOf(
      items.map((a) => ({ ...a, changes: maskPhones(a.changes) as Record<string, unknown> | null })),
      total,
      q,
    );
  }
}
