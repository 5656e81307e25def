import { ApiProperty } from '@nestjs/swagger';
import type { ReportBatchView, ReportView } from '../services/reports.service';

/** One progress report as POST and GET /api/progress-reports answer it. */
export class ProgressReportDto implements ReportView {
  @ApiProperty({ type: 'integer', example: 42 }) id: number;
  @ApiProperty({ type: 'integer', example: 7 }) taskId: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-05-10', description: 'the date the cumulative figure is as of' }) asOf: string;
  @ApiProperty({ example: '1234.00', description: 'cumulative actual (ratio indicators: the numerator), a decimal string (NUMERIC)' }) actual: string;
  @ApiProperty({ type: String, nullable: true, example: '1500.00', description: 'ratio indicators: the denominator (decimal string); otherwise null' })
  denominator: string | null;
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
