import { IsQueryId } from '#core';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ImportRequestDto {
  @ApiProperty({ description: 'Campaign the entries belong to' })
  @IsQueryId()
  campaignId: number;

  @ApiProperty({ enum: ['person', 'employer'], description: 'Which column set the file uses' })
  @IsIn(['person', 'employer'])
  kind: 'person' | 'employer';
}
