import { IsQueryId, PageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IMPORT_STATUSES } from './import.response';

export class ImportRequestDto {
  @ApiProperty({ description: 'Campaign the entries belong to' })
  @IsQueryId()
  campaignId: number;

  @ApiProperty({ enum: ['person', 'employer'], description: 'Which column set the file uses' })
  @IsIn(['person', 'employer'])
  kind: 'person' | 'employer';
}

export class ImportListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the imports of this campaign' })
  @IsOptional()
  @IsQueryId()
  campaignId?: number;

  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: (typeof IMPORT_STATUSES)[number];
}
