import { AuthUser, CurrentUser, PageQuery, ParseIdPipe, Role, Roles, sendXlsx, XLSX_MIME } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BulletinsService } from './bulletins/bulletins.service';
import { CreditsService } from './credits/credits.service';
import { DashboardService } from './dashboard/dashboard.service';
import {
  BulletinListQuery,
  CreateBulletinDto,
  CreateReportDto,
  CreateSettlementDto,
  CreditListQuery,
  DashboardQuery,
  RankingQuery,
  ReportListQuery,
  SeriesQuery,
  SettlementListQuery,
} from './dto/progress.dto';
import { ProgressService } from './progress.service';
import { ReportsService } from './reports/reports.service';
import { SettlementsService } from './settlements/settlements.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress-reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Roles(Role.UnitManager, Role.Cadre, Role.Office)
  @ApiOperation({ summary: 'Report the cumulative actual of a task as of a date (a second report for a date is a correction and needs a reason)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateReportDto) {
    return this.reports.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "A task's report history, newest first; `counts` marks the report that counts for its date" })
  list(@CurrentUser() user: AuthUser, @Query() q: ReportListQuery) {
    return this.reports.list(user, q);
  }
}

@ApiTags('progress')
@ApiBearerAuth()
@Controller('dashboards')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly progress: ProgressService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Per indicator: the unit total and one row per child unit (target, actual, rate, expected rate, gap, status, rank)' })
  get(@CurrentUser() user: AuthUser, @Query() q: DashboardQuery) {
    return this.dashboards.forUser(user, q.campaignId, q.unitId, q.date);
  }

  @Get('series')
  @ApiOperation({ summary: "A unit's rolled-up actual by report date for one indicator" })
  series(@CurrentUser() user: AuthUser, @Query() q: SeriesQuery) {
    return this.dashboards.series(user, q.campaignId, q.unitId, q.indicatorId, q.from, q.to);
  }

  @Get('export')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'Progress table as XLSX (seed 002 annex 3: unit, actual, plan, completion %, total row first)' })
  async export(@CurrentUser() user: AuthUser, @Query() q: DashboardQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.progress.exportXlsx(user, 'progress', q.campaignId, q.unitId, q.date));
  }
}

@ApiTags('progress')
@ApiBearerAuth()
@Controller('rankings')
export class RankingsController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly progress: ProgressService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Child units ranked by completion rate, then actual, then code (seed 002 annex 5)' })
  async get(@CurrentUser() user: AuthUser, @Query() q: RankingQuery) {
    const d = await this.dashboards.forUser(user, q.campaignId, q.unitId, q.date);
    return {
      ...d,
      indicators: d.indicators
        .filter((i) => q.indicatorId === undefined || i.indicatorId === q.indicatorId)
        .map((i) => ({ ...i, rows: [...i.rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)) })),
    };
  }

  @Get('export')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'Ranking as XLSX (seed 002 annex 5)' })
  async export(@CurrentUser() user: AuthUser, @Query() q: DashboardQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.progress.exportXlsx(user, 'ranking', q.campaignId, q.unitId, q.date));
  }
}

@ApiTags('progress')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Post()
  @HttpCode(202)
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: 'Ask the worker for a bulletin now (once per campaign unit and date)' })
  request(@CurrentUser() user: AuthUser, @Body() dto: CreateBulletinDto) {
    return this.bulletins.request(user, dto.campaignId, dto.date);
  }

  @Get()
  @ApiOperation({ summary: "A campaign's bulletins, newest first" })
  list(@CurrentUser() user: AuthUser, @Query() q: BulletinListQuery) {
    return this.bulletins.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One bulletin: ranking, praised, criticised, zero completion' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.bulletins.get(user, id);
  }

  @Get(':id/xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The bulletin as XLSX' })
  async xlsx(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.bulletins.xlsx(user, id));
  }
}

@ApiTags('progress')
@ApiBearerAuth()
@Controller('settlements')
@Roles(Role.Office, Role.Leader)
export class SettlementsController {
  constructor(private readonly settlements: SettlementsService) {}

  @Post()
  @ApiOperation({ summary: 'Settle rewards and penalties of a task subtree now (returns the stored one if the period is settled)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSettlementDto) {
    return this.settlements.create(user, dto.taskId, dto.asOf);
  }

  @Get()
  @ApiOperation({ summary: "A campaign's settlements" })
  list(@CurrentUser() user: AuthUser, @Query() q: SettlementListQuery) {
    return this.settlements.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One settlement with its lines (units and cadres)' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.settlements.get(user, id);
  }

  @Post(':id/recompute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute a draft settlement (409 once confirmed)' })
  recompute(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.settlements.recompute(user, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a settlement: frozen from then on' })
  confirm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.settlements.confirm(user, id);
  }

  @Get(':id/xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The settlement as XLSX' })
  async xlsx(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.settlements.xlsx(user, id));
  }
}

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress-credits')
export class CreditsController {
  constructor(private readonly credits: CreditsService) {}

  @Get()
  @ApiOperation({ summary: "A campaign's credits (enrolments from inspection cases closed as rectified) in your scope, newest first" })
  list(@CurrentUser() user: AuthUser, @Query() q: CreditListQuery) {
    return this.credits.list(user, q);
  }
}

export const PROGRESS_CONTROLLERS = [
  ReportsController,
  DashboardsController,
  RankingsController,
  BulletinsController,
  SettlementsController,
  CreditsController,
];
export type { PageQuery };
