import { IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { toBool } from './entry.dto';
import { IMPORT_STATUSES } from './import.response';

export class ImportRequestDto {
  @ApiProperty({ description: 'Campaign the entries belong to' })
  @IsQueryId()
  campaignId: number;

  @ApiProperty({ enum: ['person', 'employer'], description: 'Which column set the file uses' })
  @IsIn(['person', 'employer'])
  kind: 'person' | 'employer';
}

/** Sort keys of the import list (newest first when none). */
export const IMPORT_SORTS = ['createdAt', 'fileName', 'status', 'rowsRead', 'rowsBad', 'finishedAt'] as const;
export type ImportSort = (typeof IMPORT_SORTS)[number];

/** Sort keys of an import's bad rows (by row number when none). */
export const IMPORT_ERROR_SORTS = ['rowNumber', 'column', 'reason'] as const;
export type ImportErrorSort = (typeof IMPORT_ERROR_SORTS)[number];

export class ImportErrorListQuery extends SortablePageQuery(IMPORT_ERROR_SORTS) {}

export class ImportListQuery extends SortablePageQuery(IMPORT_SORTS) {
  @ApiPropertyOptional({ description: 'Only the imports of this campaign' })
  @IsOptional()
  @IsQueryId()
  campaignId?: number;

  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: (typeof IMPORT_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['person', 'employer'] })
  @IsOptional()
  @IsIn(['person', 'employer'])
  kind?: 'person' | 'employer';

  @ApiPropertyOptional({ description: '"My imports": only those I uploaded (else all filed under my unit and the units below it)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  mine?: boolean;
}

export class ImportTemplateQuery {
  @ApiProperty({ enum: ['person', 'employer'], description: 'Which column set the template has' })
  @IsIn(['person', 'employer'])
  kind: 'person' | 'employer';
}
