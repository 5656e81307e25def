import { ApiProperty } from '@nestjs/swagger';
import { ENTRY_STATUSES } from '../registry.types';

/** One child unit's investigation progress (seed 002 annex 4), or the total. */
export class InvestigationRowDto {
  @ApiProperty({ type: 'integer', description: 'the child unit (for the total: the unit asked about)', example: 6 }) unitId: number;
  @ApiProperty({ description: "the unit's name; 合计 for the total", example: '东湖村' }) unitName: string;
  @ApiProperty({ type: 'integer', description: '下发资源户数', example: 10 }) employersIssued: number;
  @ApiProperty({ type: 'integer', description: '已排查户数 (at least one visit)', example: 4 }) employersInvestigated: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'percent, one decimal; null when none was issued', example: 40 }) employerRate: number | null;
  @ApiProperty({ type: 'integer', description: '下发资源人数', example: 200 }) peopleIssued: number;
  @ApiProperty({ type: 'integer', description: '已排查人数', example: 75 }) peopleInvestigated: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'percent, one decimal; null when none was issued', example: 37.5 }) peopleRate: number | null;
}

/** One page of the investigation table, with the total row over every child (not only this page's). */
export class InvestigationProgressDto {
  @ApiProperty({ type: [InvestigationRowDto], description: 'one row per active child unit (the unit itself when it has none), this page' })
  items: InvestigationRowDto[];
  @ApiProperty({ type: 'integer', description: 'child units, all pages', example: 12 }) total: number;
  @ApiProperty({ type: 'integer', example: 1 }) page: number;
  @ApiProperty({ type: 'integer', example: 50 }) pageSize: number;
  @ApiProperty({ type: InvestigationRowDto, description: '合计: the counts summed over all child units, and their rates' }) sum: InvestigationRowDto;
}

/** An employer with 50+ uninsured staff: an on-site visit is required. */
export class OnsiteEmployerDto {
  @ApiProperty({ description: 'bigint id, as a string', example: '12' }) id: string;
  @ApiProperty({ example: '91330102MA2XXXXX1R' }) uscc: string;
  @ApiProperty({ example: '云帆科技有限公司' }) name: string;
  @ApiProperty({ example: '东湖街道' }) unitName: string;
  @ApiProperty({ type: 'integer', example: 60 }) uninsuredCount: number;
  @ApiProperty({ description: 'whether a door-to-door visit happened' }) onsiteVisited: boolean;
  @ApiProperty({ enum: ENTRY_STATUSES }) status: string;
}
