import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { ChannelRateLimiter, PublicChannels } from './public/channels';
import { OutreachService } from './public/outreach.service';
import { ReminderCountsController, RoundsController, SmsGatewayController, TemplatesController } from './public/public.controllers';
import { TemplatesService } from './public/templates.service';

/** Notices to platform users (inbox) and to the public (SMS/webhook reminder rounds, templates, delivery tracking). */
@Module({
  imports: [OrgModule],
  controllers: [NoticesController, TemplatesController, RoundsController, ReminderCountsController, SmsGatewayController],
  providers: [NoticesService, TemplatesService, PublicChannels, ChannelRateLimiter, OutreachService],
  exports: [NoticesService, TemplatesService, OutreachService],
})
export class NoticesModule {}
