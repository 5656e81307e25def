import { INDICATOR_KINDS, INDICATOR_UNITS } from '#campaigns';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BulletinContent, BulletinSection, BulletinView } from './bulletin.types';
import { ProgressRowDto } from './dashboard.response';
import { BulletinUnreportedDto } from './reporting-completeness.dto';

/** Who asked for a bulletin: the schedule or the office. */
export const BULLETIN_TRIGGERS = ['schedule', 'manual'] as const;

/** POST /api/bulletins: the bulletin asked for (the worker generates it unless it exists). */
export class BulletinRequestedDto {
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer', description: "the campaign's unit: the bulletin covers its children" }) unitId: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' }) date: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'the bulletin of that date if it exists already (then nothing is generated); null: asked of the worker',
  })
  existingId: number | null;
}

/** A bulletin without its content (GET /api/bulletins). */
export class BulletinSummaryDto implements Omit<BulletinView, 'content'> {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' }) date: string;
  @ApiProperty({ enum: BULLETIN_TRIGGERS }) trigger: string;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: Date;
}

/** One indicator of a bulletin: the ranking, and the units praised, criticised and at zero. */
export class BulletinSectionDto implements BulletinSection {
  @ApiProperty({ type: 'integer' }) indicatorId: number;
  @ApiProperty({ example: 'EP-NEW' }) code: string;
  @ApiProperty({ example: '企业职工基本养老保险新增参保人数' }) name: string;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind: string;
  @ApiProperty({ enum: INDICATOR_UNITS, example: 'person' }) unit: string;
  @ApiProperty({ type: ProgressRowDto }) total: ProgressRowDto;
  @ApiProperty({ type: [ProgressRowDto], description: 'every child unit in rank order' }) ranking: ProgressRowDto[];
  @ApiProperty({ type: [ProgressRowDto], description: 'completed (>= 100 %) or ahead of the expected rate' }) praised: ProgressRowDto[];
  @ApiProperty({ type: [ProgressRowDto], description: 'behind the expected rate, with something done' }) criticised: ProgressRowDto[];
  @ApiProperty({ type: [ProgressRowDto], description: 'nothing done: named separately' }) zero: ProgressRowDto[];
}

/** What a bulletin says, frozen when it was generated. */
export class BulletinContentDto implements BulletinContent {
  @ApiProperty({ example: '2026年扩面征缴专项行动' }) campaignName: string;
  @ApiProperty({ example: '市本级' }) unitName: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' }) date: string;
  @ApiProperty({ example: '75.0', description: 'the expected (序时) rate on the date, %' }) expectedPct: string;
  @ApiProperty({ type: [BulletinSectionDto] }) sections: BulletinSectionDto[];
  @ApiPropertyOptional({ type: BulletinUnreportedDto, description: "units that had not reported in the period by the bulletin's date" })
  unreported?: BulletinUnreportedDto;
}

/** GET /api/bulletins/:id. */
export class BulletinDto extends BulletinSummaryDto implements BulletinView {
  @ApiProperty({ type: BulletinContentDto }) content: BulletinContentDto;
}
