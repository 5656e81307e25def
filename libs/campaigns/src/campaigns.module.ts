import { SplitFollowUp } from './allocations/split-follow-up';
import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AllocationsService } from './allocations/allocations.service';
import { AllocationsController, CampaignsController, TasksController } from './campaigns.controllers';
import { CampaignsService } from './campaigns.service';
import { DeadlinesService } from './deadlines/deadlines.service';
import { Allocation, AllocationLine, AllocationStep } from './entities/allocation.entity';
import { CampaignMember, CampaignMilestone, CampaignPhase } from './entities/campaign-parts.entity';
import { Campaign } from './entities/campaign.entity';
import { Indicator } from './entities/indicator.entity';
import { Task, TaskDeadlineEvent } from './entities/task.entity';
import { AllocationExportService } from './exports/allocation-export.service';
import { LiveTasksGuard } from './tasks/live-tasks-guard';
import { CampaignSettingsController } from './settings/campaign-settings.controller';
import { CampaignSettingsService } from './settings/campaign-settings.service';
import { TasksService } from './tasks/tasks.service';
import { CampaignReader } from './readers/campaign-reader';

export const CAMPAIGN_ENTITIES = [
  Campaign,
  CampaignPhase,
  CampaignMilestone,
  CampaignMember,
  Indicator,
  Allocation,
  AllocationLine,
  AllocationStep,
  Task,
  TaskDeadlineEvent,
];

/** Campaigns, indicators, allocations with approval, tasks and deadline enforcement. */
@Module({
  imports: [TypeOrmModule.forFeature(CAMPAIGN_ENTITIES), OrgModule, NoticesModule],
  controllers: [CampaignsController, AllocationsController, TasksController, CampaignSettingsController],
  providers: [CampaignsService, AllocationsService, TasksService, DeadlinesService, AllocationExportService, SplitFollowUp, LiveTasksGuard, CampaignSettingsService, CampaignReader],
  exports: [TypeOrmModule, CampaignsService, AllocationsService, TasksService, DeadlinesService, CampaignSettingsService, CampaignReader],
})
export class CampaignsModule {}
