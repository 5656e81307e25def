import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { StaffSms } from './channels/staff-sms';
import { NoticePreferencesController, NoticeRobotsController } from './controllers/notice-robots.controller';
import { NoticesController } from './controllers/notices.controller';
import { NoticesJobs } from './jobs/notices.jobs';
import { NoticesSchedule } from './jobs/notices.schedule';
import { NoticeDispatchRepository } from './repositories/notice-dispatch.repository';
import { NoticeRobotRepository } from './repositories/notice-robot.repository';
import { NoticeRepository } from './repositories/notice.repository';
import { NoticeChannelsService } from './services/notice-channels.service';
import { NoticeDispatchService } from './services/notice-dispatch.service';
import { NoticesService } from './services/notices.service';
import { ReescalationService } from './services/reescalation.service';

/**
 * Notices to platform users: the staff inbox (daily digests per kind), relayed to the units' DingTalk/WeCom group robots
 * and, for escalations, by SMS to those who chose it; unread escalations escalated once more. Notices to the public are #outreach.
 */
@Module({
  imports: [OrgModule],
  controllers: [NoticesController, NoticeRobotsController, NoticePreferencesController],
  providers: [
    NoticeRepository,
    NoticeRobotRepository,
    NoticeDispatchRepository,
    StaffSms,
    NoticesService,
    NoticeDispatchService,
    NoticeChannelsService,
    ReescalationService,
    NoticesJobs,
    NoticesSchedule,
  ],
  exports: [NoticesService, StaffSms],
})
export class NoticesModule {}
