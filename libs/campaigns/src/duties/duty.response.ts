import { ApiProperty } from '@nestjs/swagger';
import { DUTY_CADENCES, DUTY_CODES, UPLOAD_DATA_KINDS } from './duty-catalogue';

export class DutyCatalogueItemDto {
  @ApiProperty({ enum: DUTY_CODES }) code: string;
  @ApiProperty({ example: '全市人口基本信息' }) label: string;
  @ApiProperty({ example: '公安局', description: 'the department seed 003 names for it' }) department: string;
  @ApiProperty({ enum: UPLOAD_DATA_KINDS, description: 'the list its department upload is: people, employers or death records' }) dataKind: string;
}

/** A member department's duty in a campaign, with where it stands today. */
export class DutyViewDto {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) orgUnitId: number;
  @ApiProperty({ example: '公安局' }) departmentName: string;
  @ApiProperty({ enum: DUTY_CODES }) code: string;
  @ApiProperty({ example: '全市人口基本信息' }) label: string;
  @ApiProperty({ enum: DUTY_CADENCES }) cadence: string;
  @ApiProperty({ type: 'integer', nullable: true }) dueDay: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the due date waited on now; null: nothing left (a once duty delivered)' })
  nextDue: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the latest due date delivered' }) lastDueDelivered: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'when that was delivered' }) lastDeliveredOn: string | null;
  @ApiProperty({ description: 'nextDue is over (before today) and not delivered' }) overdue: boolean;
}
