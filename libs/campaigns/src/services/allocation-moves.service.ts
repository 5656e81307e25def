import { AuditAction, AuditService, AuthUser } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AllocationStatus } from '../campaigns.types';
import { AllocationMove, AllocationRepository, AllocationStep } from '../repositories/allocation.repository';

/** What the audit row of a move says. */
export interface MoveAudit {
  action: AuditAction;
  orgUnitPath: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** The one way an allocation changes status: the status, its step row and its audit row, in the caller's transaction. */
@Injectable()
export class AllocationMoves {
  constructor(
    private readonly allocations: AllocationRepository,
    private readonly auditRows: AuditService,
  ) {}

  /** Moves allocation `id` from `from` (checked under its lock by the caller) to `to`, with its step and audit rows. */
  async move(m: EntityManager, user: AuthUser, id: number, from: AllocationStatus, to: AllocationMove, step: AllocationStep, audit: MoveAudit): Promise<void> {
    await this.allocations.transition(m, id, from, to, step);
    await this.audit(m, user, id, audit);
  }

  /** The audit row of a move alone, for an approval whose row names the tasks it touched (written after the transition). */
  async audit(m: EntityManager, user: AuthUser, id: number, audit: MoveAudit): Promise<void> {
    await this.auditRows.record(m, user, {
      action: audit.action,
      entity: 'allocation',
      entityId: id,
      orgUnitPath: audit.orgUnitPath,
      before: audit.before,
      after: audit.after,
    });
  }
}
