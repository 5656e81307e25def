import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Min } from 'class-validator';

export class ImportRequestDto {
  @ApiProperty({ description: 'Campaign the entries belong to' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  campaignId: number;

  @ApiProperty({ enum: ['person', 'employer'], description: 'Which column set the file uses' })
  @IsIn(['person', 'employer'])
  kind: 'person' | 'employer';
}
