import { AuditService, AuthUser, Clock, DomainError } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CreateAllocationDto, UpdateAllocationDto } from '../dto/allocation.dto';
import { AllocationView } from '../dto/allocation.types';
import { AllocationRepository } from '../repositories/allocation.repository';
import { canDraftFor } from '../rules/permissions';
import { ALLOCATION_STATUS_ZH, allocationMoveCode, allocationMoveRefusal, CAMPAIGN_STATUS_ZH, nextVersion, openVersion } from '../rules/status-transitions';
import { AllocationLines } from './allocation-lines';
import { AllocationReads } from './allocation-reads.service';
import { CampaignAccessService } from './campaign-access.service';
import { campaignsError } from '../campaigns.errors';

/** Drafting a split: a new version of a task's split, and changing its lines while it is a draft or rejected. */
@Injectable()
export class AllocationDraftsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: CampaignAccessService,
    private readonly reads: AllocationReads,
    private readonly lines: AllocationLines,
    private readonly allocations: AllocationRepository,
  ) {}

  async create(user: AuthUser, dto: CreateAllocationDto): Promise<AllocationView> {
    const id = await this.dataSource.transaction(async (m) => {
      const parent = await this.reads.parentTask(m, dto.parentTaskId, true);
      const access = await this.access.load(m, user, parent.campaign_id);
      if (!canDraftFor(user, access, parent.holder_unit_id, parent.holder_path))
        throw DomainError.forbidden(
          `只有${parent.holder_name}的负责人或领导小组办公室可以分解此任务（only the managers of ${parent.holder_name} or the office allocate this task）`,
        );
      if (access.status !== 'active')
        throw campaignsError(
          'CAMPAIGN_NOT_ACTIVE',
          `扩面任务 ${access.id} 当前为“${CAMPAIGN_STATUS_ZH[access.status] ?? access.status}”：只有进行中的扩面任务可以分解目标（campaign ${access.id} is ${access.status}; targets are allocated in an active campaign）`,
        );
      if (parent.withdrawn_at)
        throw campaignsError(
          'PARENT_TASK_WITHDRAWN',
          `任务 ${parent.id} 已被后来的分解方案撤回，不能再分解（task ${parent.id} was withdrawn by a later allocation）`,
        );
      if (parent.holder_user_id)
        throw campaignsError(
          'CADRE_SHARE_NOT_SPLIT',
          `任务 ${parent.id} 是干部承担的份额，不能再往下分解（task ${parent.id} is a cadre's share: it is not split further）`,
        );
      const versions = await this.allocations.versions(m, parent.id);
      const open = openVersion(versions);
      if (open)
        throw DomainError.conflict(
          `任务 ${parent.id} 已有分解方案 ${open.id}（第 ${open.version} 版，${ALLOCATION_STATUS_ZH[open.status]}），请修改该方案（task ${parent.id} already has allocation ${open.id} (version ${open.version}, ${open.status}); change that one）`,
          'parentTaskId',
        );
      const approved = versions.find((v) => v.status === 'approved');
      const lines = await this.lines.checked(m, parent, dto.lines);
      const now = this.clock.now();
      const id = await this.allocations.insertDraft(m, {
        campaignId: parent.campaign_id,
        indicatorId: parent.indicator_id,
        parentTaskId: parent.id,
        allocatingUnitId: parent.holder_unit_id,
        version: nextVersion(versions),
        previousId: approved?.id ?? null,
        createdBy: user.id,
        at: now,
      });
      await this.lines.write(m, id, lines);
      await this.allocations.insertStep(m, id, 'create', user.id, this.clock.now(), dto.comment ?? null);
      await this.audit.record(m, user, {
        action: 'allocation.create',
        entity: 'allocation',
        entityId: id,
        orgUnitPath: parent.holder_path,
        after: { parentTaskId: parent.id, lines },
      });
      return id;
    });
    return this.reads.get(user, id);
  }

  async update(user: AuthUser, id: number, dto: UpdateAllocationDto): Promise<AllocationView> {
    await this.dataSource.transaction(async (m) => {
      const { a, parent, access } = await this.reads.load(m, user, id);
      if (!canDraftFor(user, access, parent.holder_unit_id, parent.holder_path))
        throw DomainError.forbidden(
          `只有${parent.holder_name}的负责人或领导小组办公室可以修改此分解方案（only the managers of ${parent.holder_name} or the office change this allocation）`,
        );
      const refusal = allocationMoveRefusal('update', id, a.status);
      if (refusal) throw campaignsError(allocationMoveCode('update'), refusal);
      const lines = await this.lines.checked(m, parent, dto.lines);
      await this.allocations.deleteLines(m, id);
      await this.lines.write(m, id, lines);
      await this.allocations.setDraft(m, id, this.clock.now());
      await this.allocations.insertStep(m, id, 'update', user.id, this.clock.now(), dto.comment ?? null);
      await this.audit.record(m, user, { action: 'allocation.update', entity: 'allocation', entityId: id, orgUnitPath: parent.holder_path, after: { lines } });
    });
    return this.reads.get(user, id);
  }
}
