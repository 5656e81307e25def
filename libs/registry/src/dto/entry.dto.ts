import { IsId, IsQueryId, MAX_ID, PageQuery, SortablePageQuery, SortParams, TEXT } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { EMPLOYER_OUTCOMES, ENTRY_STATUSES, PERSON_OUTCOMES, SOURCE_GROUPS, VISIT_METHODS, VISIT_OUTCOMES } from '../registry.types';

/** A query flag: true/1 and false/0 as booleans (anything else is left for @IsBoolean to refuse). */
export const toBool = ({ value }: { value: unknown }) =>
  value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value;

/** Sort keys of the people list (and the police-check list): see EntryRepository for their columns. */
export const PERSON_SORTS = ['name', 'unitName', 'sourceGroup', 'status', 'age', 'visitCount', 'lastVisitAt'] as const;
/** Sort keys of the employer list. */
export const EMPLOYER_SORTS = ['name', 'unitName', 'status', 'staffCount', 'uninsuredCount', 'refusalCount', 'visitCount', 'lastVisitAt'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];
export type EmployerSort = (typeof EMPLOYER_SORTS)[number];

type Ctor<T> = abstract new (...args: never[]) => T;

/** The filters both entry lists share, on a paged query sorted by the list's own keys. */
export interface EntryListQuery extends PageQuery {
  campaignId?: number;
  unitId?: number;
  status?: string;
  mine?: boolean;
  cadreId?: number;
  unassigned?: boolean;
  lastVisitBefore?: string;

  q?: string;
}

function EntryListQueryOf<K extends string>(keys: readonly K[]): Ctor<EntryListQuery & SortParams<K>> {
  abstract class EntryList extends SortablePageQuery(keys) implements EntryListQuery {
    @ApiPropertyOptional({ description: 'Only this campaign' })
    @IsOptional()
    @IsQueryId()
    campaignId?: number;

    @ApiPropertyOptional({ description: 'Only entries under this unit (must be in your scope)' })
    @IsOptional()
    @IsQueryId()
    unitId?: number;

    @ApiPropertyOptional({ enum: ENTRY_STATUSES })
    @IsOptional()
    @IsIn(ENTRY_STATUSES)
    status?: string;

    @ApiPropertyOptional({ description: '"My entries": only those assigned to me' })
    @IsOptional()
    @Transform(toBool)
    @IsBoolean()
    mine?: boolean;

    @ApiPropertyOptional({ description: 'Only entries assigned to this cadre' })
    @IsOptional()
    @IsQueryId()
    cadreId?: number;

    @ApiPropertyOptional({ description: 'Only entries without a cadre' })
    @IsOptional()
    @Transform(toBool)
    @IsBoolean()
    unassigned?: boolean;

    @ApiPropertyOptional({ description: 'Only entries not visited since this date (YYYY-MM-DD), never-visited included' })
    @IsOptional()
    @IsDateString({ strict: true })
    lastVisitBefore?: string;

    @ApiPropertyOptional({
      description:
        'Search: a full 18-character ID number (people; exact, audited as a full read), 11 digits starting with 1 (people; exact phone), a USCC (employers; exact), else part of the name',
      maxLength: TEXT.query,
    })
    @IsOptional()
    @IsString()
    @MaxLength(TEXT.query)
    @Matches(/\S/, { message: '搜索内容不能为空（q must not be blank）' })
    q?: string;
  }
  return EntryList;
}

export class PersonListQuery extends EntryListQueryOf(PERSON_SORTS) {
  @ApiPropertyOptional({ enum: SOURCE_GROUPS })
  @IsOptional()
  @IsIn(SOURCE_GROUPS)
  group?: string;

  @ApiPropertyOptional({ enum: ['employee_pension', 'resident_pension'], description: 'Recommended scheme (seed 001 age rule)' })
  @IsOptional()
  @IsIn(['employee_pension', 'resident_pension'])
  recommendation?: string;
}

export class EmployerListQuery extends EntryListQueryOf(EMPLOYER_SORTS) {
  @ApiPropertyOptional({ description: 'Only employers with at least this many uninsured staff' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  minUninsured?: number;

  @ApiPropertyOptional({ description: 'Only employers with at least this many visits ending in refusal' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  minRefusals?: number;
}

export class AssignmentFilterDto {
  @ApiPropertyOptional({ enum: ENTRY_STATUSES })
  @IsOptional()
  @IsIn(ENTRY_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: SOURCE_GROUPS, description: 'People only' })
  @IsOptional()
  @IsIn(SOURCE_GROUPS)
  group?: string;

  @ApiPropertyOptional({ description: 'Only entries without a cadre' })
  @IsOptional()
  @IsBoolean()
  unassigned?: boolean;
}

export class AssignDto {
  @ApiProperty({ enum: ['person', 'employer'] })
  @IsIn(['person', 'employer'])
  kind: 'person' | 'employer';

  @ApiProperty({
    enum: ['single', 'filter', 'even'],
    description:
      "single: the listed ids; filter: every entry of the village matching the filter; even: the village's matching entries spread evenly over its cadres",
  })
  @IsIn(['single', 'filter', 'even'])
  mode: 'single' | 'filter' | 'even';

  @ApiPropertyOptional({ description: 'Entry ids (mode single)', type: [String] })
  @ValidateIf((o: AssignDto) => o.mode === 'single')
  @IsArray()
  @ArrayMaxSize(5000)
  @Matches(/^\d{1,18}$/, { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'The village whose entries are assigned (modes filter and even)' })
  @ValidateIf((o: AssignDto) => o.mode !== 'single')
  @IsId()
  villageId?: number;

  @ApiPropertyOptional({ type: AssignmentFilterDto })
  @IsOptional()
  @Type(() => AssignmentFilterDto)
  filter?: AssignmentFilterDto;

  @ApiPropertyOptional({ description: 'The cadre (modes single and filter)' })
  @ValidateIf((o: AssignDto) => o.mode !== 'even')
  @IsId()
  cadreId?: number;
}

export class VisitDto {
  @ApiProperty({ enum: ['person', 'employer'] })
  @IsIn(['person', 'employer'])
  kind: 'person' | 'employer';

  @ApiProperty()
  @Matches(/^\d{1,18}$/)
  entryId: string;

  @ApiProperty({ description: 'When the visit happened (ISO instant)' })
  @IsISO8601({ strict: true })
  visitedAt: string;

  @ApiProperty({ enum: VISIT_METHODS })
  @IsIn(VISIT_METHODS)
  method: string;

  @ApiProperty({ enum: VISIT_OUTCOMES, description: `A person: ${PERSON_OUTCOMES.join(', ')}. An employer: ${EMPLOYER_OUTCOMES.join(', ')}` })
  @IsIn(VISIT_OUTCOMES)
  outcome: string;

  @ApiPropertyOptional({ description: 'Required for insured_elsewhere: the proof filed' })
  @ValidateIf((o: VisitDto) => o.outcome === 'insured_elsewhere')
  @IsString()
  @MaxLength(200)
  @Matches(/\S/)
  proofReference?: string;

  @ApiPropertyOptional({ description: 'Required for not_eligible (e.g. serving in the army, in prison)' })
  @ValidateIf((o: VisitDto) => o.outcome === 'not_eligible')
  @IsString()
  @MaxLength(200)
  @Matches(/\S/)
  ineligibleReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CadreListQuery {
  @ApiPropertyOptional({ description: 'The unit whose cadres (at it and below) are listed (default: your unit; must be in your scope)' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ description: 'Count only the entries of this campaign' })
  @IsOptional()
  @IsQueryId()
  campaignId?: number;
}

export class InvestigationQuery {
  @ApiProperty()
  @IsQueryId()
  campaignId: number;

  @ApiPropertyOptional({ description: 'The unit whose children are listed (default: your unit)' })
  @IsOptional()
  @IsQueryId()
  unitId?: number;
}

export class TownQuery extends SortablePageQuery(PERSON_SORTS) {
  @ApiProperty({ description: 'The town (or any unit) whose unreachable people are listed' })
  @IsQueryId()
  unitId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsQueryId()
  campaignId?: number;
}

export class PoliceCheckExportQuery {
  @ApiProperty({ description: 'The town whose unreachable people are exported (the caller must be its office)' })
  @IsQueryId()
  unitId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsQueryId()
  campaignId?: number;
}
