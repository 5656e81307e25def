import { ApiFileResponse, AuthUser, CurrentUser, sendXlsx } from '#core';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DashboardService } from '../services/dashboard.service';
import { DashboardDto } from '../dto/dashboard.response';
import { DashboardQuery, RankingQuery } from '../dto/progress.dto';
import { ProgressService } from '../services/progress.service';
import { byRank } from '../rules/ranking';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('rankings')
export class RankingsController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly progress: ProgressService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Child units ranked by completion rate, then actual, then code (seed 002 annex 5); units without a plan (status no_plan) follow, unranked (rank null)',
  })
  @ApiOkResponse({ type: DashboardDto, description: "the dashboard with each indicator's rows in rank order (indicatorId: that indicator only)" })
  async get(@CurrentUser() user: AuthUser, @Query() q: RankingQuery) {
    const d = await this.dashboards.forUser(user, q.campaignId, q.unitId, q.date);
    return {
      ...d,
      indicators: d.indicators.filter((i) => q.indicatorId === undefined || i.indicatorId === q.indicatorId).map((i) => ({ ...i, rows: byRank(i.rows) })),
    };
  }

  @Get('export')
  @ApiOperation({ summary: 'Ranking as XLSX (seed 002 annex 5)' })
  @ApiFileResponse()
  async export(@CurrentUser() user: AuthUser, @Query() q: DashboardQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.progress.exportXlsx(user, 'ranking', q.campaignId, q.unitId, q.date));
  }
}
