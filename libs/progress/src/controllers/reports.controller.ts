import { ApiPagedResponse, AuthUser, CurrentUser, Role, Roles } from '#core';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateReportBatchDto, CreateReportDto, ReportListQuery } from '../dto/progress.dto';
import { ProgressReportBatchDto, ProgressReportDto } from '../dto/report.response';
import { ReportsService } from '../services/reports.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress-reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Roles(Role.UnitManager, Role.Cadre, Role.Office)
  @ApiOperation({ summary: 'Report the cumulative actual of a task as of a date (a second report for a date is a correction and needs a reason)' })
  @ApiCreatedResponse({ type: ProgressReportDto, description: 'the stored report' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateReportDto) {
    return this.reports.create(user, dto);
  }

  @Post('batch')
  @Roles(Role.UnitManager, Role.Cadre, Role.Office)
  @ApiOperation({
    summary:
      'Report several tasks for one date, all or none: each row follows the rules of a single report; a refused row refuses the batch (400 naming every bad row, rows[3].actual) and nothing is stored',
  })
  @ApiCreatedResponse({ type: ProgressReportBatchDto, description: 'the stored reports, in the order of the rows sent' })
  createBatch(@CurrentUser() user: AuthUser, @Body() dto: CreateReportBatchDto) {
    return this.reports.createBatch(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "A task's report history, newest first; `counts` marks the report that counts for its date" })
  @ApiPagedResponse(ProgressReportDto)
  list(@CurrentUser() user: AuthUser, @Query() q: ReportListQuery) {
    return this.reports.list(user, q);
  }
}
