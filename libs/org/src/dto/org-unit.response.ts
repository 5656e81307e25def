import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ORG_LEVELS, OrgLevel } from '../org.types';

/** A unit of the administrative tree. */
export class OrgUnitDto {
  @ApiProperty({ type: 'integer', example: 17 }) id: number;
  @ApiProperty({ example: '330102001' }) code: string;
  @ApiProperty({ example: '东湖街道' }) name: string;
  @ApiProperty({ enum: ORG_LEVELS, example: 'town' }) level: OrgLevel;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null for the top unit', example: 4 }) parentId: number | null;
  @ApiProperty({ description: 'materialised path of ids from the top unit down', example: '/1/4/17/' }) path: string;
  @ApiProperty({ type: 'integer', description: '0 for the top unit', example: 2 }) depth: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'duty of a member department', example: '负责提供企业登记数据' }) duty: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** A unit just created: its timestamps only when it took over the placeholder root's row. */
export class CreatedOrgUnitDto extends OmitType(OrgUnitDto, ['createdAt', 'updatedAt'] as const) {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'only when the unit took over the placeholder root' }) createdAt?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'only when the unit took over the placeholder root' }) updatedAt?: Date;
}

export class TreeImportResultDto {
  @ApiProperty({ type: 'integer', description: 'units created (the top one included when it took over the placeholder root)', example: 12 }) created: number;
}

export class DeactivateResultDto {
  @ApiProperty({ type: 'integer', description: 'units deactivated: the unit and the active units below it', example: 3 }) deactivated: number;
}
