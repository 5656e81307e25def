import { ApiFileResponse, AuthUser, CurrentUser, sendXlsx } from '#core';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DashboardService } from '../services/dashboard.service';
import { DashboardDto, SeriesDto } from '../dto/dashboard.response';
import { DashboardQuery, SeriesQuery } from '../dto/progress.dto';
import { ProgressService } from '../services/progress.service';

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
  @ApiOkResponse({ type: DashboardDto })
  get(@CurrentUser() user: AuthUser, @Query() q: DashboardQuery) {
    return this.dashboards.forUser(user, q.campaignId, q.unitId, q.date);
  }

  @Get('series')
  @ApiOperation({ summary: "A unit's rolled-up actual by report date for one indicator" })
  @ApiOkResponse({ type: SeriesDto })
  series(@CurrentUser() user: AuthUser, @Query() q: SeriesQuery) {
    return this.dashboards.series(user, q.campaignId, q.unitId, q.indicatorId, q.from, q.to);
  }

  @Get('export')
  @ApiOperation({ summary: 'Progress table as XLSX (seed 002 annex 3: unit, actual, plan, completion %, total row first)' })
  @ApiFileResponse()
  async export(@CurrentUser() user: AuthUser, @Query() q: DashboardQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.progress.exportXlsx(user, 'progress', q.campaignId, q.unitId, q.date));
  }
}
