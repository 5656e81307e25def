import { CampaignsModule } from '#campaigns';
import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { RegistryModule } from '#registry';
import { Module } from '@nestjs/common';
import { ChannelRateLimiter } from './channels/channel-rate-limiter';
import { fakeSmsBehaviourProvider, PublicChannels } from './channels/public-channels';
import { PlansController } from './controllers/plans.controller';
import { ReminderCountsController } from './controllers/reminder-counts.controller';
import { RoundsController } from './controllers/rounds.controller';
import { SmsGatewayController } from './controllers/sms-gateway.controller';
import { TemplatesController } from './controllers/templates.controller';
import { OutreachJobs } from './jobs/outreach.jobs';
import { OutreachSchedule } from './jobs/outreach.schedule';
import { NoticeTemplateRepository } from './repositories/notice-template.repository';
import { OutreachMessageRepository } from './repositories/outreach-message.repository';
import { ReminderPlanRepository } from './repositories/reminder-plan.repository';
import { ReminderCountsRepository } from './repositories/reminder-counts.repository';
import { ReminderRoundRepository } from './repositories/reminder-round.repository';
import { DeliveryJobs } from './services/delivery-jobs.service';
import { DeliveryReportsService } from './services/delivery-reports.service';
import { DeliveryService } from './services/delivery.service';
import { OutreachService } from './services/outreach.service';
import { PlansService } from './services/plans.service';
import { ReminderCountsService } from './services/reminder-counts.service';
import { RoundExpansionService } from './services/round-expansion.service';
import { RoundResumeService } from './services/round-resume.service';
import { RoundsService } from './services/rounds.service';
import { TemplatesService } from './services/templates.service';
import { StaffSmsSender } from './channels/staff-sms-sender';

/**
 * Notices to the public: reminder rounds over registry people, their message templates, the SMS and
 * webhook channels and delivery tracking. Staff notices (the inbox) are #notices.
 */
@Module({
  imports: [OrgModule, CampaignsModule, RegistryModule, NoticesModule],
  controllers: [TemplatesController, RoundsController, ReminderCountsController, SmsGatewayController, PlansController],
  providers: [
    ReminderRoundRepository,
    ReminderPlanRepository,
    PlansService,
    OutreachMessageRepository,
    NoticeTemplateRepository,
    ReminderCountsRepository,
    PublicChannels,
    fakeSmsBehaviourProvider,
    ChannelRateLimiter,
    DeliveryJobs,
    TemplatesService,
    RoundsService,
    RoundExpansionService,
    DeliveryService,
    DeliveryReportsService,
    RoundResumeService,
    ReminderCountsService,
    OutreachService,
    OutreachJobs,
    OutreachSchedule,
    StaffSmsSender,
  ],
  exports: [TemplatesService, OutreachService],
})
export class OutreachModule {}
