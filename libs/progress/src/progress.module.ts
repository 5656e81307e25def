import { CampaignsModule } from '#campaigns';
import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { BulletinsService } from './services/bulletins.service';
import { BulletinsController } from './controllers/bulletins.controller';
import { CreditsController } from './controllers/credits.controller';
import { DashboardsController } from './controllers/dashboards.controller';
import { RankingsController } from './controllers/rankings.controller';
import { ReportsController } from './controllers/reports.controller';
import { SettlementsController } from './controllers/settlements.controller';
import { ReportingCompletenessController } from './controllers/reporting-completeness.controller';
import { ForecastsController } from './controllers/forecasts.controller';
import { ForecastService } from './services/forecast.service';
import { CreditsService } from './services/credits.service';
import { BulletinStore } from './services/bulletin-store';
import { DashboardService } from './services/dashboard.service';
import { ProgressJobs } from './jobs/progress.jobs';
import { ProgressSchedule } from './jobs/progress.schedule';
import { ProgressService } from './services/progress.service';
import { ReportsService } from './services/reports.service';
import { ReportUploadService } from './services/report-upload.service';
import { ReportUploadRepository } from './repositories/report-upload.repository';
import { BulletinRepository } from './repositories/bulletin.repository';
import { ProgressCreditRepository } from './repositories/progress-credit.repository';
import { ProgressReportRepository } from './repositories/progress-report.repository';
import { RollupRepository } from './repositories/rollup.repository';
import { SettlementRepository } from './repositories/settlement.repository';
import { ReportingCompletenessRepository } from './repositories/reporting-completeness.repository';
import { ReportingCompletenessService } from './services/reporting-completeness.service';
import { SettlementCalculator } from './services/settlement-calculator';
import { SettlementsService } from './services/settlements.service';

const REPOSITORIES = [
  RollupRepository,
  ProgressReportRepository,
  ProgressCreditRepository,
  BulletinRepository,
  SettlementRepository,
  ReportingCompletenessRepository,
  ReportUploadRepository,
];

/** Reports, rollup, dashboards, rankings, bulletins, exports and settlements (campaigns' tables read through its CampaignReader). */
@Module({
  imports: [OrgModule, NoticesModule, CampaignsModule],
  controllers: [
    ReportsController,
    DashboardsController,
    RankingsController,
    BulletinsController,
    SettlementsController,
    CreditsController,
    ReportingCompletenessController,
    ForecastsController,
  ],
  providers: [
    ...REPOSITORIES,
    DashboardService,
    ForecastService,
    BulletinStore,
    ReportsService,
    ReportUploadService,
    BulletinsService,
    SettlementCalculator,
    SettlementsService,
    CreditsService,
    ProgressService,
    ReportingCompletenessService,
    ProgressJobs,
    ProgressSchedule,
  ],
  exports: [DashboardService, ReportsService, BulletinsService, SettlementsService, CreditsService, ReportingCompletenessService],
})
export class ProgressModule {}
