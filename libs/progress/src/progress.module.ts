import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { BulletinsService } from './bulletins/bulletins.service';
import { CreditsService } from './credits/credits.service';
import { DashboardService } from './dashboard/dashboard.service';
import { RollupRepository } from './dashboard/rollup.repository';
import { PROGRESS_CONTROLLERS } from './progress.controller';
import { ProgressService } from './progress.service';
import { ReportsService } from './reports/reports.service';
import { SettlementsService } from './settlements/settlements.service';

/** Reports, rollup, dashboards, rankings, bulletins, exports and settlements. */
@Module({
  imports: [OrgModule, NoticesModule],
  controllers: PROGRESS_CONTROLLERS,
  providers: [RollupRepository, DashboardService, ReportsService, BulletinsService, SettlementsService, CreditsService, ProgressService],
  exports: [DashboardService, ReportsService, BulletinsService, SettlementsService, CreditsService],
})
export class ProgressModule {}
