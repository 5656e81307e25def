import { DAY_UNITS, DayUnit, IsCalendarDate, IsDecimal, IsId, IsQueryId, PageQuery, SortablePageQuery, TEXT } from '#core';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** Sort keys of the land projects (newest agreement first when none). */
export const LAND_PROJECT_SORTS = ['name', 'year', 'agreementOn', 'fundDue', 'fundArrived'] as const;
export type LandProjectSort = (typeof LAND_PROJECT_SORTS)[number];

/** A decimal that is not negative (the amounts and areas of a project). */
const NotNegative = () => Matches(/^(?!\s*-)/, { message: '不能为负数' });

/** Most farmers one request adds (a project's list is sent in parts beyond this). */
export const MAX_FARMERS_PER_REQUEST = 1000;

export class CreateLandProjectDto {
  @ApiProperty({ description: 'the unit that runs the project (in your scope)' }) @IsId() unitId: number;
  @ApiProperty({ example: '城南片区征地项目' }) @IsString() @MinLength(1) @MaxLength(TEXT.name) name: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(1980) @Max(2100) year: number;
  @ApiProperty({ example: '2026-03-10', description: 'date of the compensation agreement (征地补偿安置协议)' }) @IsCalendarDate() agreementOn: string;
  @ApiProperty({ type: String, example: '120.50', description: 'area taken, in mu' }) @IsDecimal(12, 2) @NotNegative() areaMu: string;
  @ApiProperty({ type: String, example: '360000.00', description: 'pension subsidy fund due, yuan' }) @IsDecimal(14, 2) @NotNegative() fundDue: string;
  @ApiPropertyOptional({ type: String, example: '180000.00', description: 'subsidy fund arrived so far, yuan (0 when omitted); at most fundDue' })
  @IsOptional()
  @IsDecimal(14, 2)
  @NotNegative()
  fundArrived?: string;
  @ApiPropertyOptional({ example: 30, description: 'days after the agreement within which farmers must be verified (seed 004; 30 when omitted)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  verifyWithinDays?: number;
  @ApiPropertyOptional({
    enum: DAY_UNITS,
    example: 'natural',
    description: "how verifyWithinDays is counted: natural days (自然日, seed 004; when omitted) or working days by China's working calendar",
  })
  @IsOptional()
  @IsIn(DAY_UNITS)
  verifyDayUnit?: DayUnit;
}

export class UpdateLandProjectDto extends PartialType(OmitType(CreateLandProjectDto, ['unitId'] as const)) {}

export class LandProjectListQuery extends SortablePageQuery(LAND_PROJECT_SORTS) {
  @ApiPropertyOptional({ description: "the unit whose subtree is listed (default: your unit's)" })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ description: 'part of the project name' }) @IsOptional() @IsString() @MaxLength(TEXT.query) q?: string;
}

export class LandFarmerInputDto {
  @ApiProperty({ example: '张三' }) @IsString() @MinLength(1) @MaxLength(TEXT.name) name: string;
  @ApiProperty({ example: '510105199001010012' }) @IsString() @MaxLength(20) idNumber: string;
  @ApiProperty({ example: '城南村' }) @IsString() @MinLength(1) @MaxLength(TEXT.name) village: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() verified?: boolean;
  @ApiPropertyOptional({ example: '2026-03-20', description: 'when verified (today when verified and omitted)' })
  @IsOptional()
  @IsCalendarDate()
  verifiedOn?: string;
  @ApiPropertyOptional({ example: '2026-04-01', description: 'when the pension subsidy was paid out (the insured standard of seed 004)' })
  @IsOptional()
  @IsCalendarDate()
  subsidyPaidOn?: string;
}

export class AddLandFarmersDto {
  @ApiProperty({ type: [LandFarmerInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FARMERS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => LandFarmerInputDto)
  farmers: LandFarmerInputDto[];
}

export class VerifyLandFarmerDto {
  @ApiProperty() @IsBoolean() verified: boolean;
  @ApiPropertyOptional({ example: '2026-03-20', description: 'when verified (today when omitted)' }) @IsOptional() @IsCalendarDate() verifiedOn?: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-04-01',
    description: 'when the subsidy was paid out (null: not paid; kept when omitted)',
  })
  @IsOptional()
  @IsCalendarDate()
  subsidyPaidOn?: string | null;
}

export class LandFarmerListQuery extends PageQuery {}

export class LandFundSplitDto {
  @ApiProperty({ example: 2, description: 'people whose personal pension accounts receive the fund: at most the farmers listed' }) @IsInt() @Min(1) @Max(1000000) people: number;
  @ApiProperty({ type: String, example: '1500.00', description: 'yuan into each account' }) @IsDecimal(14, 2) @NotNegative() amountEach: string;
}

export class LandFundSplitResponseDto {
  @ApiProperty() people: number;
  @ApiProperty({ type: String, example: '1500.00' }) amountEach: string;
}

export class LandProjectDto {
  @ApiProperty() id: number;
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty() name: string;
  @ApiProperty() year: number;
  @ApiProperty({ example: '2026-03-10' }) agreementOn: string;
  @ApiProperty({ type: String, example: '120.50' }) areaMu: string;
  @ApiProperty({ type: String, example: '360000.00' }) fundDue: string;
  @ApiProperty({ type: String, example: '180000.00' }) fundArrived: string;
  @ApiProperty() verifyWithinDays: number;
  @ApiProperty({ enum: DAY_UNITS, example: 'natural' }) verifyDayUnit: DayUnit;
  @ApiProperty({ example: '2026-04-09', description: 'agreement date + verifyWithinDays (natural or working days)' }) verificationDueOn: string;
  @ApiProperty({ description: 'farmers listed' }) farmersListed: number;
  @ApiProperty({ description: 'farmers verified' }) farmersVerified: number;
  @ApiProperty({ description: 'every farmer listed is verified (and at least one is listed)' }) verified: boolean;
  @ApiProperty({ description: 'past the due day and not verified' }) verificationOverdue: boolean;
  @ApiProperty({ type: LandFundSplitResponseDto, nullable: true }) fundSplit: LandFundSplitResponseDto | null;
}

/** A farmer in a list: ID number masked like the registry's people (first 6 and last 4). */
export class LandFarmerDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '510105********0012' }) idNumber: string;
  @ApiProperty() village: string;
  @ApiProperty() verified: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-03-20' }) verifiedOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-04-01', description: 'subsidy paid out: insured' }) subsidyPaidOn: string | null;
}

export class LandIndicatorQuery {
  @ApiPropertyOptional({ description: "the unit whose own figures and children's are computed (default: your unit)" })
  @IsOptional()
  @IsQueryId()
  unitId?: number;
}

/** Seed 004's land indicators of a unit's subtree, computed from the projects and farmers. */
export class LandIndicatorRowDto {
  @ApiProperty() unitId: number;
  @ApiProperty() unitName: string;
  @ApiProperty() projects: number;
  @ApiProperty({ description: 'projects with every listed farmer verified' }) projectsVerified: number;
  @ApiProperty({ type: String, example: '360000.00' }) fundDue: string;
  @ApiProperty({ type: String, example: '180000.00' }) fundArrived: string;
  @ApiProperty() farmersVerified: number;
  @ApiProperty({ description: 'verified farmers whose subsidy is paid out' }) farmersInsured: number;
  @ApiProperty({ type: String, nullable: true, example: '66.67', description: '已核实信息的项目占比, percent' }) projectVerifiedRate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '50.00', description: '补贴资金到位率, percent' }) fundArrivalRate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '71.43', description: '已核实农民参保率, percent' }) insuredRate: string | null;
}

export class LandIndicatorsDto {
  @ApiProperty({ type: LandIndicatorRowDto, description: 'the unit asked for, its whole subtree' }) unit: LandIndicatorRowDto;
  @ApiProperty({ type: [LandIndicatorRowDto], description: 'each active child unit, its subtree, in tree order' }) children: LandIndicatorRowDto[];
}
