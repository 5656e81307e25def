import { ApiPagedResponse, AuthUser, CurrentUser, DomainError, ErrorCode, Role, Roles, UploadIdempotencyInterceptor, uploadOptions } from '#core';
import { Body, Controller, Get, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateReportBatchDto, CreateReportDto, ReportListQuery, ReportUploadDto } from '../dto/progress.dto';
import { ProgressReportBatchDto, ProgressReportDto, ReportUploadResultDto } from '../dto/report.response';
import { ReportsService } from '../services/reports.service';
import { ReportUploadService } from '../services/report-upload.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress-reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly uploads: ReportUploadService,
  ) {}

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
      "Report several tasks (any units and indicators) for one date, all or none: each row follows the rules of a single report; a refused row (a task outside the caller's unit included) refuses the batch (400 naming every bad row: rows[3].actual, its number and unit) and nothing is stored",
  })
  @ApiCreatedResponse({ type: ProgressReportBatchDto, description: 'the stored reports, in the order of the rows sent' })
  createBatch(@CurrentUser() user: AuthUser, @Body() dto: CreateReportBatchDto) {
    return this.reports.createBatch(user, dto);
  }

  @Post('upload')
  @Roles(Role.UnitManager, Role.Cadre, Role.Office)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', uploadOptions(5 * 1024 * 1024)), UploadIdempotencyInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'campaignId', 'asOf'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'XLSX or CSV, Chinese headers as seed 002 annex 3: 单位 (区县, 地区; or 单位编码), 完成数 (实际完成, 7月末缴费人数), 计划指标, optional 分母, 参保率 (a rate alone), 指标, 原因',
        },
        campaignId: { type: 'integer' },
        asOf: { type: 'string', format: 'date' },
        indicatorId: { type: 'integer', description: 'the indicator of every row (else an 指标 column)' },
        parentUnitId: { type: 'integer', description: "look unit names up under this unit (default: the caller's)" },
        dryRun: { type: 'boolean', description: 'true: check and answer the rows, store nothing' },
      },
    },
  })
  @ApiOperation({
    summary:
      "Upload a progress table (XLSX/CSV) for one date: units by name in the caller's subtree, all rows or none (400 naming every bad row); dryRun answers the rows and their problems without storing",
  })
  @ApiOkResponse({ type: ReportUploadResultDto })
  upload(@CurrentUser() user: AuthUser, @Body() dto: ReportUploadDto, @UploadedFile() file?: Express.Multer.File) {
    if (!file)
      throw new DomainError(ErrorCode.Validation, 'file：请上传进度表文件（表单字段 file）（attach the table as form field "file"）', [
        { field: 'file', message: '请上传进度表文件（missing）' },
      ]);
    return this.uploads.upload(user, dto, file);
  }

  @Get()
  @ApiOperation({ summary: "A task's report history, newest first; `counts` marks the report that counts for its date" })
  @ApiPagedResponse(ProgressReportDto)
  list(@CurrentUser() user: AuthUser, @Query() q: ReportListQuery) {
    return this.reports.list(user, q);
  }
}
