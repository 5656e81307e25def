import { ApiProperty } from '@nestjs/swagger';
import { HARDSHIP_CATEGORIES } from './hardship.types';

export class HardshipPersonViewDto {
  @ApiProperty({ description: 'bigint id, as a string' }) id: string;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) orgUnitId: number;
  @ApiProperty({ example: '东湖村' }) unitName: string;
  @ApiProperty({ description: 'masked (first 6 and last 4)', example: '330102********0011' }) idNumber: string;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex: string;
  @ApiProperty({ type: 'integer', description: "completed years on the campaign's reference date" }) age: number;
  @ApiProperty({ enum: HARDSHIP_CATEGORIES }) category: string;
  @ApiProperty({ example: '低保对象' }) categoryLabel: string;
  @ApiProperty({ type: String, nullable: true }) registeredOn: string | null;
  @ApiProperty({ type: String, nullable: true }) paidOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '100.00' }) paidAmount: string | null;
  @ApiProperty({ type: String, nullable: true }) benefitOn: string | null;
}

export class HardshipRecordedDto {
  @ApiProperty({ type: 'integer', description: 'people recorded (new or replaced)' }) recorded: number;
}

export class HardshipRateRowDto {
  @ApiProperty({ type: 'integer' }) unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: 'integer', description: 'people listed in the subtree' }) listed: number;
  @ApiProperty({ type: 'integer' }) registered: number;
  @ApiProperty({ type: 'integer' }) paid: number;
  @ApiProperty({ type: 'integer', description: "listed people aged 60 or more on the campaign's reference date" }) eligible: number;
  @ApiProperty({ type: 'integer' }) receiving: number;
  @ApiProperty({ type: String, nullable: true, description: '参保登记率 % (registered / listed), one decimal; null with no one listed', example: '88.9' })
  registrationRate: string | null;
  @ApiProperty({ type: String, nullable: true, description: '代缴率 % (paid / registered)', example: '87.5' }) paymentRate: string | null;
  @ApiProperty({ type: String, nullable: true, description: '待遇享受率 % (receiving / eligible)', example: '66.7' }) benefitRate: string | null;
}

export class HardshipRatesDto {
  @ApiProperty({ type: HardshipRateRowDto }) unit: HardshipRateRowDto;
  @ApiProperty({ type: [HardshipRateRowDto], description: 'each child unit, by path' }) children: HardshipRateRowDto[];
}
