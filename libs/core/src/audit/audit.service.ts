import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLogRepository } from './audit-log.repository';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../clock/clock';
import { AuditAction } from './audit-actions';

export interface AuditEvent {
  /** One of AUDIT_ACTIONS. */
  action: AuditAction;
  entity: string;
  entityId: string | number;
  /** Path of the org unit the record belongs to, so that audit reads can be scoped. */
  orgUnitPath?: string | null;
  before?: object | null;
  after?: object | null;
  /** Client address of the request behind the change (req.ip). */
  ip?: string | null;
  /** Who acted when there is no logged-in actor yet (a login attempt names the username tried). */
  actorUsername?: string;
}

/** Only the fields that differ, as { field: { before, after } }; sensitive fields never stored. */
export function changedFields(before: object | null | undefined, after: object | null | undefined): Record<string, { before: unknown; after: unknown }> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === 'passwordHash' || key === 'password') continue;
    if (JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null)) out[key] = { before: b[key] ?? null, after: a[key] ?? null };
  }
  return out;
}

/** Writes audit rows inside the caller's transaction, so a change and its audit row commit together. */
@Injectable()
export class AuditService {
  constructor(
    private readonly clock: Clock,
    private readonly rows: AuditLogRepository = new AuditLogRepository(),
  ) {}

  async record(manager: EntityManager, actor: AuthUser | null, event: AuditEvent): Promise<void> {
    await this.recordMany(manager, actor, [event]);
  }

  async recordMany(manager: EntityManager, actor: AuthUser | null, events: AuditEvent[]): Promise<void> {
    if (!events.length) return;
    const at = this.clock.now();
    await this.rows.insertMany(
      manager,
      events.map((e) => ({
        at,
        actorId: actor?.id ?? null,
        actorUsername: actor?.username ?? e.actorUsername ?? 'system',
        action: e.action,
        entity: e.entity,
        entityId: String(e.entityId),
        orgUnitPath: e.orgUnitPath ?? null,
        ip: e.ip ?? null,
        changes: e.before === undefined && e.after === undefined ? null : changedFields(e.before, e.after),
      })),
    );
  }
}
