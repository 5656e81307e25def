import { FitsNumeric, IsCalendarDate, IsId, IsQueryId, SortablePageQuery } from '#core';
import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

export const CASE_OUTCOMES = ['visited', 'rectification_ordered', 'rectified', 'referred_to_tax', 'penalised', 'closed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export const CASE_SORTS = ['dueDate', 'openedAt', 'employerName', 'uninsuredCount', 'status', 'assigneeName', 'rectificationDeadline'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export class CaseQuery extends SortablePageQuery(CASE_SORTS) {
  @ApiPropertyOptional({ description: 'campaign id' })
  @IsOptional()
  @IsQueryId()
  campaignId?: number;

  @ApiPropertyOptional({ description: 'key-inspection list the cases were opened from' })
  @IsOptional()
  @IsQueryId()
  listId?: number;

  @ApiPropertyOptional({ description: 'receiving department (agency unit) id' })
  @IsOptional()
  @IsQueryId()
  departmentId?: number;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ description: 'assigned inspector (user id)' })
  @IsOptional()
  @IsQueryId()
  assigneeId?: number;

  @ApiPropertyOptional({ description: "only employers of this unit's subtree (must be in your scope): a dashboard drilled down to it" })
  @IsOptional()
  @IsQueryId()
  unitId?: number;

  @ApiPropertyOptional({ description: 'true: only cases with no inspector yet' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({ description: 'true: only open cases past their due date or with a rectification deadline marked overdue' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: '2026-10-15', description: 'only cases due on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ description: "part of the employer's name or USCC" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class AssignCaseDto {
  @ApiProperty({ description: "inspector (user id) of the case's department" })
  @IsId()
  inspectorId: number;
}

export class AssignEvenlyDto {
  @ApiProperty({ description: 'department whose unassigned open cases are spread over its inspectors' })
  @IsId()
  departmentId: number;

  @ApiPropertyOptional({ description: 'only the unassigned cases opened from this dispatched key-inspection list' })
  @IsOptional()
  @IsId()
  listId?: number;
}

export class CaseOutcomeDto {
  @ApiProperty({
    enum: CASE_OUTCOMES,
    description:
      'visited (findings), rectification_ordered (限期改正, deadline), rectified (enrolledCount; closes the case), referred_to_tax, penalised (amount), closed (reason)',
  })
  @IsIn(CASE_OUTCOMES as unknown as string[], { message: `kind must be one of ${CASE_OUTCOMES.join(', ')}` })
  kind: CaseOutcome;

  @ApiPropertyOptional({ description: 'what the inspector found (required for visited)' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  findings?: string;

  @ApiPropertyOptional({ example: '2026-10-01', description: "rectification deadline; default today + the campaign's rectification days (15)" })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ description: 'employees enrolled (required for rectified)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000000)
  enrolledCount?: number;

  @ApiPropertyOptional({ description: 'penalty in yuan (required for penalised)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @FitsNumeric(14, 2)
  amount?: number;

  @ApiPropertyOptional({ description: 'why the case is closed (required for closed)' })
  @IsOptional()
  @IsString()
  @Length(2, 1000)
  reason?: string;
}

export const CHECKLIST_SORTS = ['dueDate', 'employerName', 'uninsuredCount', 'rectificationDeadline', 'openedAt'] as const;
export type ChecklistSort = (typeof CHECKLIST_SORTS)[number];

export class ChecklistQuery extends SortablePageQuery(CHECKLIST_SORTS) {}

export class ChecklistExportQuery {
  @ApiPropertyOptional({ example: '2026-09-15', description: 'the field day (default today); cases opened by then' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}
