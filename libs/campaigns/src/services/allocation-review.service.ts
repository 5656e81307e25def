import { AuthUser, Clock, DomainError, lockRollup, Role } from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllocationStatus } from '../campaigns.types';
import { AllocationView } from '../dto/allocation.types';
import { AllocationRepository } from '../repositories/allocation.repository';
import { CampaignAccess, canApprove } from '../rules/permissions';
import { allocationMoveCode, allocationMoveRefusal } from '../rules/status-transitions';
import { AllocationLines } from './allocation-lines';
import { AllocationMoves } from './allocation-moves.service';
import { AllocationReads } from './allocation-reads.service';
import { AllocationTasks } from './allocation-tasks';
import { campaignsError } from '../campaigns.errors';

/** The leadership's review of a submitted split: approve (the tasks follow) or reject with a reason. */
@Injectable()
export class AllocationReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notices: NoticesService,
    private readonly reads: AllocationReads,
    private readonly lines: AllocationLines,
    private readonly tasks: AllocationTasks,
    private readonly allocations: AllocationRepository,
    private readonly moves: AllocationMoves,
  ) {}

  async reject(user: AuthUser, id: number, reason: string): Promise<AllocationView> {
    await this.dataSource.transaction(async (m) => {
      const { a, parent, access } = await this.reads.load(m, user, id);
      if (!canApprove(user, access)) throw DomainError.forbidden('only the head or a deputy head of the campaign leadership group rejects an allocation');
      const refusal = allocationMoveRefusal('reject', id, a.status);
      if (refusal) throw campaignsError(allocationMoveCode('reject'), refusal);
      const now = this.clock.now();
      const step = { action: 'reject', actorId: user.id, decidedAt: now, at: this.clock.now(), comment: reason } as const;
      await this.moves.move(m, user, id, a.status, 'rejected', step, {
        action: 'allocation.reject',
        orgUnitPath: parent.holder_path,
        before: { status: 'submitted' },
        after: { status: 'rejected', reason },
      });
      const drafters = await this.notices.recipients(m, [parent.holder_unit_id], [Role.UnitManager]);
      await this.notices.notify(
        m,
        drafters.map<NoticeInput>((u) => ({
          recipientUserId: u,
          kind: 'allocation.rejected',
          subject: `任务分解被退回：${parent.indicator_name}`,
          body: `“${parent.indicator_name}”任务分解（第${a.version}版）被退回：${reason}`,
          link: { entity: 'allocation', id },
          dedupeKey: `allocation-${id}-rejected-${now.getTime()}-u${u}`,
        })),
      );
    });
    return this.reads.get(user, id);
  }

  /**
   * submitted → approved. The previously approved version (if any) becomes superseded; every line's task is
   * created or updated in place (target, deadline; a changed deadline re-plans reminders and overdue), and
   * tasks whose unit is no longer in the allocation are withdrawn, never deleted.
   */
  async approve(user: AuthUser, id: number, comment?: string): Promise<AllocationView> {
    const refuse = (access: CampaignAccess, status: AllocationStatus) => {
      if (!canApprove(user, access)) throw DomainError.forbidden('only the head or a deputy head of the campaign leadership group approves an allocation');
      const refusal = allocationMoveRefusal('approve', id, status);
      if (refusal) throw campaignsError(allocationMoveCode('approve'), refusal);
    };
    await this.dataSource.transaction(async (m) => {
      // A refused call stops here, before the rollup lock that holds back every report while it is held.
      const unlocked = await this.reads.load(m, user, id, false);
      refuse(unlocked.access, unlocked.a.status);
      await lockRollup(m, 'exclusive'); // it will insert, withdraw or move tasks: before any row lock
      const { a, parent, access } = await this.reads.load(m, user, id);
      refuse(access, a.status); // as it is now, under the locks
      await this.lines.checked(m, parent, await this.lines.stored(m, id));
      const now = this.clock.now();
      await this.allocations.supersedeOthers(m, parent.id, id, now);
      await this.allocations.transition(m, id, a.status, 'approved', {
        action: 'approve',
        actorId: user.id,
        decidedAt: now,
        at: this.clock.now(),
        comment: comment ?? null,
      });
      const touched = await this.tasks.apply(m, a, parent, now);
      await this.moves.audit(m, user, id, {
        action: 'allocation.approve',
        orgUnitPath: parent.holder_path,
        before: { status: 'submitted' },
        after: { status: 'approved', tasks: touched },
      });
    });
    return this.reads.get(user, id);
  }
}
