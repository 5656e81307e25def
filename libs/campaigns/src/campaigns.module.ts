import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { AllocationsController } from './controllers/allocations.controller';
import { CampaignSettingsController } from './controllers/campaign-settings.controller';
import { CampaignsController } from './controllers/campaigns.controller';
import { TasksController } from './controllers/tasks.controller';
import { DutiesController } from './duties/duties.controller';
import { DutiesService } from './duties/duties.service';
import { DutyDeadlines } from './duties/duty-deadlines';
import { DutyRepository } from './duties/duty.repository';
import { LandDeadlineRepository } from './land/land-deadline.repository';
import { LandDeadlines } from './land/land-deadlines';
import { CampaignsJobs } from './jobs/campaigns.jobs';
import { CampaignsSchedule } from './jobs/campaigns.schedule';
import { CampaignReader } from './readers/campaign-reader';
import { AllocationRepository } from './repositories/allocation.repository';
import { CampaignRepository } from './repositories/campaign.repository';
import { DeadlineEventRepository } from './repositories/deadline-event.repository';
import { IndicatorRepository } from './repositories/indicator.repository';
import { TaskAttainment } from './repositories/task-attainment.repository';
import { TaskRepository } from './repositories/task.repository';
import { AllocationDraftsService } from './services/allocation-drafts.service';
import { AllocationExportService } from './services/allocation-export.service';
import { AllocationLines } from './services/allocation-lines';
import { AllocationMoves } from './services/allocation-moves.service';
import { AllocationReads } from './services/allocation-reads.service';
import { AllocationReviewService } from './services/allocation-review.service';
import { AllocationSubmissionService } from './services/allocation-submission.service';
import { AllocationTasks } from './services/allocation-tasks';
import { CampaignAccessService } from './services/campaign-access.service';
import { CampaignSettingsService } from './services/campaign-settings.service';
import { CampaignDraftsService } from './services/campaign-drafts.service';
import { CampaignsService } from './services/campaigns.service';
import { DeadlinesService } from './services/deadlines.service';
import { LiveTasksGuard } from './services/live-tasks-guard';
import { SplitFollowUp } from './services/split-follow-up';
import { TasksService } from './services/tasks.service';

const REPOSITORIES = [
  CampaignRepository,
  IndicatorRepository,
  AllocationRepository,
  TaskRepository,
  DeadlineEventRepository,
  TaskAttainment,
  DutyRepository,
  LandDeadlineRepository,
];

/** Campaigns, indicators, allocations with approval, tasks and deadline enforcement. */
@Module({
  imports: [OrgModule, NoticesModule],
  controllers: [CampaignsController, AllocationsController, TasksController, CampaignSettingsController, DutiesController],
  providers: [
    ...REPOSITORIES,
    CampaignAccessService,
    CampaignsService,
    CampaignDraftsService,
    AllocationLines,
    AllocationReads,
    AllocationMoves,
    AllocationDraftsService,
    AllocationSubmissionService,
    AllocationReviewService,
    AllocationTasks,
    SplitFollowUp,
    TasksService,
    DeadlinesService,
    AllocationExportService,
    LiveTasksGuard,
    CampaignSettingsService,
    CampaignReader,
    CampaignsJobs,
    CampaignsSchedule,
    DutiesService,
    DutyDeadlines,
    LandDeadlines,
  ],
  exports: [CampaignReader, DeadlinesService, TaskAttainment, DutiesService, LandDeadlines],
})
export class CampaignsModule {}
