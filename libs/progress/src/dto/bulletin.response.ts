import { BulletinForecastDto } from './forecast.dto';
import { INDICATOR_KINDS, INDICATOR_UNITS } from '#campaigns';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BulletinContent, BulletinSection, BulletinView } from './bulletin.types';
import { BULLETIN_CADENCES, BulletinCadence } from '../rules/bulletin-schedule';
import { ProgressRowDto } from './dashboard.response';
import { BulletinUnreportedDto } from './reporting-completeness.dto';

/** Who asked for a bulletin: the schedule or the office. */
export const BULLETIN_TRIGGERS = ['schedule', 'manual'] as const;

/** POST /api/bulletins: the bulletin asked for (the worker generates it unless it exists). */
export class BulletinRequestedDto {
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer', description: 'the issuing unit: the bulletin covers its children' }) unitId: number;
  @ApiProperty({ enum: BULLETIN_CADENCES }) cadence: BulletinCadence;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30', description: 'the end of the period the bulletin is for' }) periodEnd: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' }) date: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'the bulletin of that series and period if it exists already (then nothing is generated); null: asked of the worker',
  })
  existingId: number | null;
}

/** A bulletin without its content (GET /api/bulletins). */
export class BulletinSummaryDto implements Omit<BulletinView, 'content'> {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer', description: 'the issuing unit' }) unitId: number;
  @ApiProperty({ example: '市本级' }) unitName: string;
  @ApiProperty({ enum: BULLETIN_CADENCES }) cadence: BulletinCadence;
  @ApiProperty({ type: 'integer', example: 3, description: '第N期 of the series (campaign, issuing unit, cadence), in the order issued' }) issueNo: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30', description: 'the end of the period the bulletin is for' }) periodEnd: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30', description: 'the date of the figures and of issue' }) date: string;
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
  @ApiProperty({
    type: [String],
    example: [
      '截至2026年9月30日，市本级企业职工养老保险新增参保完成7500人，目标任务10000人，完成进度75.0%，序时进度75.0%。',
      '城南区完成进度超过序时进度，予以表扬；城北区落后序时进度，予以通报批评。',
    ],
    description: 'what the bulletin says: the figure, then praise and criticism',
  })
  sentences: string[];
}

/** What a bulletin says, frozen when it was generated. */
export class BulletinContentDto implements BulletinContent {
  @ApiProperty({ example: '2026年扩面征缴专项行动月度进度通报' }) title: string;
  @ApiProperty({ example: '市本级社会保险扩面征缴工作领导小组办公室', description: 'the issuing body' }) issuer: string;
  @ApiProperty({ example: '2026年扩面征缴专项行动' }) campaignName: string;
  @ApiProperty({ example: '市本级', description: 'the issuing unit' }) unitName: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' }) date: string;
  @ApiProperty({ example: '75.0', description: 'the expected (序时) rate on the date, %' }) expectedPct: string;
  @ApiProperty({ type: [BulletinSectionDto] }) sections: BulletinSectionDto[];
  @ApiPropertyOptional({ type: BulletinUnreportedDto, description: "units that had not reported in the period by the bulletin's date" })
  unreported?: BulletinUnreportedDto;
  @ApiPropertyOptional({
    type: BulletinForecastDto,
    description: 'child tasks that will miss the deadline at the current pace (预计无法按期完成), with the pace each needs',
  })
  forecast?: BulletinForecastDto;
}

/** GET /api/bulletins/:id. */
export class BulletinDto extends BulletinSummaryDto implements BulletinView {
  @ApiProperty({ type: BulletinContentDto }) content: BulletinContentDto;
}
