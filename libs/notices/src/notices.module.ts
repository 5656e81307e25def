import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { NoticesController } from './controllers/notices.controller';
import { NoticesJobs } from './jobs/notices.jobs';
import { NoticeRepository } from './repositories/notice.repository';
import { NoticesService } from './services/notices.service';

/** Notices to platform users: the staff inbox (daily digests per kind). Notices to the public are #outreach. */
@Module({
  imports: [OrgModule],
  controllers: [NoticesController],
  providers: [NoticeRepository, NoticesService, NoticesJobs],
  exports: [NoticesService],
})
export class NoticesModule {}
