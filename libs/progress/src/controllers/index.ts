import { BulletinsController } from './bulletins.controller';
import { CreditsController } from './credits.controller';
import { DashboardsController } from './dashboards.controller';
import { RankingsController } from './rankings.controller';
import { ReportsController } from './reports.controller';
import { SettlementsController } from './settlements.controller';

/** The progress library's controllers, one per file. */
export const PROGRESS_CONTROLLERS = [
  ReportsController,
  DashboardsController,
  RankingsController,
  BulletinsController,
  SettlementsController,
  CreditsController,
];
