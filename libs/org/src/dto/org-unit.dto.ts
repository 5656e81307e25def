import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsId, IsOptionalNotNull, SortablePageQuery } from '#core';
import { ORG_LEVELS, OrgLevel } from '../org.types';

export class CreateOrgUnitDto {
  @ApiProperty({ example: '330102001', description: 'unique code, letters, digits, - and _' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'code may hold only letters, digits, - and _ (at most 40)' })
  code: string;

  @ApiProperty({ example: '东湖街道' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: ORG_LEVELS })
  @IsIn(ORG_LEVELS, { message: `level must be one of ${ORG_LEVELS.join(', ')}` })
  level: OrgLevel;

  @ApiPropertyOptional({ description: 'parent unit id; omitted only for a new top unit (admin)' })
  @IsOptionalNotNull()
  @IsId()
  parentId?: number;

  @ApiPropertyOptional({ description: 'duty of a member department' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  duty?: string;
}

export class UpdateOrgUnitDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  duty?: string;
}

export class MoveOrgUnitDto {
  @ApiProperty({ description: 'id of the new parent' })
  @IsId()
  parentId: number;
}

export const ORG_UNIT_SORTS = ['name', 'code', 'level', 'depth', 'createdAt'] as const;
export type OrgUnitSort = (typeof ORG_UNIT_SORTS)[number];

export class OrgUnitListQuery extends SortablePageQuery(ORG_UNIT_SORTS) {
  @ApiPropertyOptional({ enum: ORG_LEVELS })
  @IsOptional()
  @IsIn(ORG_LEVELS)
  level?: OrgLevel;

  @ApiPropertyOptional({ description: 'part of a name or code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'include deactivated units' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  includeInactive?: string;
}
