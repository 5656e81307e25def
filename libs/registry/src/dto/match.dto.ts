import { IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MATCH_DATA_KINDS } from '../import/match-columns';
import { IMPORT_STATUSES } from './import.response';
import { IMPORT_SORTS } from './import-request.dto';

/** The form fields of an insured-roster upload (参保库). */
export class RosterImportRequestDto {
  @ApiProperty({ description: 'Campaign the roster belongs to' })
  @IsQueryId()
  campaignId: number;

  @ApiProperty({ enum: ['person', 'employer'], description: 'insured people (身份证号, 姓名, 险种, 参保日期) or employers (统一社会信用代码, 名称, 参保人数)' })
  @IsIn(['person', 'employer'], { message: '须为 person（参保人员）或 employer（参保单位）' })
  dataKind: 'person' | 'employer';
}

/** The form fields of a department's upload (部门数据上报). */
export class DepartmentUploadRequestDto {
  @ApiProperty({ description: 'Campaign the list is reported to' })
  @IsQueryId()
  campaignId: number;

  @ApiProperty({ enum: MATCH_DATA_KINDS, description: "people, employers, or civil affairs' death records" })
  @IsIn(MATCH_DATA_KINDS, { message: '须为 person（人员名单）、employer（单位名单）或 death（死亡人员名单）' })
  dataKind: (typeof MATCH_DATA_KINDS)[number];

  @ApiPropertyOptional({ description: "the department's duty the upload delivers (default: its one duty of that list, if it has exactly one)" })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  dutyCode?: string;
}

/** Filters of the roster-import and department-upload lists. */
export class MatchListQuery extends SortablePageQuery(IMPORT_SORTS) {
  @ApiPropertyOptional({ description: 'Only the uploads of this campaign' })
  @IsOptional()
  @IsQueryId()
  campaignId?: number;

  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: (typeof IMPORT_STATUSES)[number];

  @ApiPropertyOptional({ enum: MATCH_DATA_KINDS })
  @IsOptional()
  @IsIn(MATCH_DATA_KINDS)
  dataKind?: (typeof MATCH_DATA_KINDS)[number];
}
