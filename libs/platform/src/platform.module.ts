import { CampaignsModule } from '#campaigns';
import { CalendarModule, CoreModule, SystemModule } from '#core';
import { EnforcementModule } from '#enforcement';
import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { OutreachModule } from '#outreach';
import { ProgressModule } from '#progress';
import { RegistryModule } from '#registry';
import { Module } from '@nestjs/common';

/** Every domain module: what both the api and the worker boot. A new domain library is added here. */
export const DOMAIN_MODULES = [
  SystemModule,
  CalendarModule,
  OrgModule,
  NoticesModule,
  OutreachModule,
  CampaignsModule,
  ProgressModule,
  RegistryModule,
  EnforcementModule,
];

@Module({
  imports: [CoreModule, ...DOMAIN_MODULES],
  exports: [CoreModule, ...DOMAIN_MODULES],
})
export class PlatformModule {}
