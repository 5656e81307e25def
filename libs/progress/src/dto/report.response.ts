import { ApiProperty } from '@nestjs/swagger';
import type { ReportBatchView, ReportView } from '../services/reports.service';
import type { ReportUploadView, UploadRowView } from '../services/report-upload.service';

/** One progress report as POST and GET /api/progress-reports answer it. */
export class ProgressReportDto implements ReportView {
  @ApiProperty({ type: 'integer', example: 42 }) id: number;
  @ApiProperty({ type: 'integer', example: 7 }) taskId: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-05-10', description: 'the date the cumulative figure is as of' }) asOf: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1234.00',
    description: 'cumulative actual (ratio indicators: the numerator), a decimal string (NUMERIC); null on a rate-only report',
  })
  actual: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1500.00', description: 'ratio indicators: the denominator (decimal string); otherwise null' })
  denominator: string | null;
  @ApiProperty({ description: 'true: a ratio reported as a rate only (按比率填报), without numerator and denominator' }) rateOnly: boolean;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'a rate-only report: the rate in % (decimal string); otherwise null' })
  rate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '上报有误，按社保系统数据更正' }) reason: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'a correction: the report it replaces for the same date' }) correctsId: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the reporting user (null for demo data)' }) reportedBy: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) reportedAt: Date;
  @ApiProperty({ description: 'true for the report that counts for its date (the latest one)' }) counts: boolean;
}

/** POST /api/progress-reports/batch: the stored reports, in the order of the rows sent. */
export class ProgressReportBatchDto implements ReportBatchView {
  @ApiProperty({ type: String, format: 'date', example: '2026-05-10' }) asOf: string;
  @ApiProperty({ type: [ProgressReportDto] }) reports: ProgressReportDto[];
}

/** A problem of an uploaded row: the field (rows[3].actual), the file's row number, the clerk's message. */
export class UploadProblemDto {
  @ApiProperty({ example: 'rows[3].unit' }) field: string;
  @ApiProperty({ type: 'integer', example: 5, description: 'the row number in the file' }) row: number;
  @ApiProperty({ example: '第 5 行（和平）「单位」：在您的管辖范围内找不到名为「和平」的单位（no unit named 和平 in your scope）' }) message: string;
}

/** One row of an uploaded progress table as read, matched and checked. */
export class UploadRowDto implements UploadRowView {
  @ApiProperty({ type: 'integer', example: 5, description: 'the row number in the file (1-based)' }) row: number;
  @ApiProperty({ example: '和平', description: 'the unit as written in the file' }) unitName: string;
  @ApiProperty({ type: 'integer', nullable: true }) unitId: number | null;
  @ApiProperty({ type: String, nullable: true }) unitCode: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) indicatorId: number | null;
  @ApiProperty({ type: String, nullable: true }) indicatorName: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the task the row reports on' }) taskId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '311124' }) actual: string | null;
  @ApiProperty({ type: String, nullable: true }) denominator: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'a rate reported alone, in %' }) rate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '327458', description: 'the plan column as written (not stored)' }) plan: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: [UploadProblemDto], description: 'empty when the row can be stored' }) problems: UploadProblemDto[];
}

export class UploadSkippedDto {
  @ApiProperty({ type: 'integer' }) row: number;
  @ApiProperty({ example: '合计' }) unit: string;
  @ApiProperty() reason: string;
}

/** POST /api/progress-reports/upload: the rows read (with their problems) and, unless a dry run, the stored reports. */
export class ReportUploadResultDto implements ReportUploadView {
  @ApiProperty({ type: String, format: 'date' }) asOf: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'true when every row was stored' }) stored: boolean;
  @ApiProperty({ type: [UploadRowDto] }) rows: UploadRowDto[];
  @ApiProperty({ type: [UploadSkippedDto], description: 'rows not read (totals)' }) skipped: UploadSkippedDto[];
  @ApiProperty({ type: [ProgressReportDto], description: 'the stored reports in the order of the rows ([] in a dry run)' }) reports: ProgressReportDto[];
}
