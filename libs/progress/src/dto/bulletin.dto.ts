import { IsCalendarDate, IsQueryId, SortablePageQuery } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BULLETIN_CADENCES, BulletinCadence } from '../rules/bulletin-schedule';

const CADENCE_MESSAGE = '通报周期须为 biweekly（双周）、monthly（月度）、quarterly（季度）或 yearly（年度）';

export const BULLETIN_SORTS = ['date', 'generatedAt', 'trigger', 'issueNo', 'cadence'] as const;
export class BulletinListQuery extends SortablePageQuery(BULLETIN_SORTS) {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'Only the bulletins this unit issued' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ enum: BULLETIN_CADENCES, description: 'Only this series' })
  @IsOptional()
  @IsIn(BULLETIN_CADENCES, { message: CADENCE_MESSAGE })
  cadence?: BulletinCadence;
}

export class CreateBulletinDto {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ enum: BULLETIN_CADENCES, description: "The series (one of the campaign's cadences; default its first)" })
  @IsOptional()
  @IsIn(BULLETIN_CADENCES, { message: CADENCE_MESSAGE })
  cadence?: BulletinCadence;

  @ApiPropertyOptional({
    description:
      "The issuing unit: the campaign's unit, or one with an office that split its task to its children (default the campaign's unit, or yours below it)",
  })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ description: 'Bulletin date (default today); the bulletin is for the period of the series that this date falls in' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}
