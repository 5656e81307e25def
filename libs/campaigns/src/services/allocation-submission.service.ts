import { AuthUser, Clock, DomainError } from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllocationView } from '../dto/allocation.types';
import { AllocationRepository } from '../repositories/allocation.repository';
import { CampaignRepository } from '../repositories/campaign.repository';
import { canDraftFor } from '../rules/permissions';
import { allocationMoveCode, allocationMoveRefusal } from '../rules/status-transitions';
import { AllocationLines } from './allocation-lines';
import { AllocationMoves } from './allocation-moves.service';
import { AllocationReads } from './allocation-reads.service';
import { campaignsError } from '../campaigns.errors';

/** draft/rejected → submitted: the lines are checked again and the approvers told. */
@Injectable()
export class AllocationSubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notices: NoticesService,
    private readonly reads: AllocationReads,
    private readonly lines: AllocationLines,
    private readonly allocations: AllocationRepository,
    private readonly campaigns: CampaignRepository,
    private readonly moves: AllocationMoves,
  ) {}

  async submit(user: AuthUser, id: number, comment?: string): Promise<AllocationView> {
    await this.dataSource.transaction(async (m) => {
      const { a, parent, access } = await this.reads.load(m, user, id);
      if (!canDraftFor(user, access, parent.holder_unit_id, parent.holder_path))
        throw DomainError.forbidden(`only the managers of ${parent.holder_name} or the office submit this allocation`);
      const refusal = allocationMoveRefusal('submit', id, a.status);
      if (refusal) throw campaignsError(allocationMoveCode('submit'), refusal);
      await this.lines.checked(m, parent, await this.lines.stored(m, id));
      const now = this.clock.now();
      const step = { action: 'submit', actorId: user.id, decidedAt: now, at: this.clock.now(), comment: comment ?? null } as const;
      await this.moves.move(m, user, id, a.status, 'submitted', step, {
        action: 'allocation.submit',
        orgUnitPath: parent.holder_path,
        before: { status: a.status },
        after: { status: 'submitted' },
      });
      // Tell the approvers.
      const approvers = await this.campaigns.approverIds(m, a.campaign_id);
      await this.notices.notify(
        m,
        approvers.map<NoticeInput>((u) => ({
          recipientUserId: u,
          kind: 'allocation.submitted',
          subject: `任务分解待审批：${parent.holder_name} ${parent.indicator_name}`,
          body: `${parent.holder_name}提交了“${parent.indicator_name}”任务分解（第${a.version}版），请审批。`,
          link: { entity: 'allocation', id },
          dedupeKey: `allocation-${id}-submitted-${now.getTime()}-u${u}`,
        })),
      );
    });
    return this.reads.get(user, id);
  }
}
