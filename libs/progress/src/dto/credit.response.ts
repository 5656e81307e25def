import { ApiProperty } from '@nestjs/swagger';
import type { CreditView } from '../services/credits.service';

/** Where a credit comes from (job progress.credit). */
export const CREDIT_SOURCES = ['inspection'] as const;

/** A credit: enrolments reaching a unit's progress from outside its reports (an inspection case closed as rectified). */
export class CreditDto implements CreditView {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ type: 'integer', description: "the credited unit (the employer's)" }) orgUnitId: number;
  @ApiProperty({ example: '东湖区' }) unitName: string;
  @ApiProperty({ example: '12', description: 'people enrolled (decimal string)' }) amount: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-15', description: 'the business date from which the credit counts' }) on: string;
  @ApiProperty({ enum: CREDIT_SOURCES }) source: string;
  @ApiProperty({ example: 'case-17' }) sourceRef: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: Date;
}
