import { VISIT_METHODS, VISIT_OUTCOMES } from '#registry';
import { ApiProperty } from '@nestjs/swagger';
import type { CaseEventRow, CaseRow } from '../repositories/inspection-case.repository';
import type { CaseVisit, EarlierCase } from '../rules/case-history';
import type { RectificationOrder } from '../rules/rectification-order';
import type { ChecklistItem } from '../services/inspection-checklist.service';
import { CASE_OUTCOMES } from './inspection-case.dto';

export const CASE_STATUSES = ['open', 'closed'] as const satisfies readonly CaseRow['status'][];
/** How a closed case ended. */
export const CASE_RESOLUTIONS = ['rectified', 'closed'] as const satisfies readonly NonNullable<CaseRow['resolution']>[];
/** What a case's history records (the CHECK of inspection_case_event.kind). */
export const CASE_EVENT_KINDS = ['opened', 'assigned', ...CASE_OUTCOMES, 'overdue'] as const;

/** An inspection case as the lists, assignment and outcomes answer it. */
export class CaseDto implements CaseRow {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer', description: 'the key-inspection list it was opened from' }) listId: number;
  @ApiProperty({ type: 'integer' }) employerId: number;
  @ApiProperty({ example: '91440300MA5F00001X', description: '统一社会信用代码' }) uscc: string;
  @ApiProperty({ example: '东湖区某某商贸有限公司' }) employerName: string;
  @ApiProperty({ type: String, nullable: true, example: '东湖区人民路 1 号' }) address: string | null;
  @ApiProperty({ type: String, nullable: true, example: '张伟', description: '法定代表人' }) legalRepresentative: string | null;
  @ApiProperty({ type: String, nullable: true, example: '东湖区' }) districtName: string | null;
  @ApiProperty({ type: String, nullable: true, example: '城关街道' }) townName: string | null;
  @ApiProperty({ type: 'integer', description: 'employees not insured' }) uninsuredCount: number;
  @ApiProperty({ type: 'integer', description: 'refusals when it was listed' }) refusalCount: number;
  @ApiProperty({ type: 'integer', description: 'receiving department (agency unit)' }) departmentId: number;
  @ApiProperty({ example: '劳动保障监察支队' }) departmentName: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: 'open' | 'closed';
  @ApiProperty({ enum: CASE_RESOLUTIONS, nullable: true, description: 'how a closed case ended; null while open' }) resolution: 'rectified' | 'closed' | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the assigned inspector (user id)' }) assigneeId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '王强' }) assigneeName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt: Date;
  @ApiProperty({ type: String, format: 'date', example: '2026-10-10', description: 'due date (the rectification deadline once one is ordered)' })
  dueDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-10-01', description: '限期改正 deadline' }) rectificationDeadline: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the rectification deadline was marked overdue' })
  rectificationOverdueAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'employees enrolled (rectified)' }) enrolledCount: number | null;
  @ApiProperty({ type: String, nullable: true, example: '5000.00', description: 'penalties in yuan (decimal string, NUMERIC)' }) penaltyAmount: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) referredToTaxAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: '企业已注销' }) closeReason: string | null;
}

/** A case in GET /api/inspection-cases: marked overdue as of today. */
export class CaseListItemDto extends CaseDto {
  @ApiProperty({ description: 'open and past its due date, or its rectification deadline marked overdue' }) overdue: boolean;
}

/** A visit to the case's employer (registry), newest first. */
export class CaseVisitDto implements CaseVisit {
  @ApiProperty({ type: String, format: 'date-time' }) visitedAt: Date;
  @ApiProperty({ enum: VISIT_METHODS }) method: string;
  @ApiProperty({ enum: VISIT_OUTCOMES }) outcome: string;
  @ApiProperty({ type: String, nullable: true, example: '负责人拒绝为员工参保' }) note: string | null;
  @ApiProperty({ type: String, nullable: true, example: '李娜', description: "the visitor's name" }) visitor: string | null;
}

/** Another case of the same employer, newest first. */
export class EarlierCaseDto implements EarlierCase {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ example: '劳动保障监察支队' }) departmentName: string;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ enum: CASE_RESOLUTIONS, nullable: true }) resolution: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason: string | null;
}

/** A case on the inspector's checklist: with the employer's visits and earlier cases. */
export class ChecklistItemDto extends CaseDto implements ChecklistItem {
  @ApiProperty({ type: [CaseVisitDto] }) visits: CaseVisitDto[];
  @ApiProperty({ type: [EarlierCaseDto] }) previousCases: EarlierCaseDto[];
}

/** One step of a case's history, in order; the fields an event does not carry are null. */
export class CaseEventDto implements CaseEventRow {
  @ApiProperty({ enum: CASE_EVENT_KINDS }) kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String, nullable: true, example: '王强', description: "who did it (null for the system's own, e.g. overdue)" }) actor: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'assigned: the inspector' }) assigneeId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '韩磊', description: "assigned: the inspector's name" }) assigneeName: string | null;
  @ApiProperty({ type: String, nullable: true, example: '现场检查发现未为 12 名员工参保' }) findings: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-10-01' }) deadline: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) enrolledCount: number | null;
  @ApiProperty({ type: String, nullable: true, example: '5000.00', description: 'penalised: yuan (decimal string)' }) amount: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

/** What the printed 限期改正指令书 shows of the case's latest rectification order. */
export class RectificationOrderDto implements RectificationOrder {
  @ApiProperty({ example: '限改〔2026〕12-1号', description: 'the n-th order on the case, in the year it was issued' }) number: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-15', description: 'issued on (Asia/Shanghai)' }) issuedOn: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-30' }) deadline: string;
  @ApiProperty({ type: String, nullable: true, description: "what the latest visit before it found, else the order's own note" }) findings: string | null;
  @ApiProperty({ type: String, nullable: true, example: '韩磊', description: 'who issued it' }) inspector: string | null;
}

/** GET /api/inspection-cases/:id. */
export class CaseDetailDto extends ChecklistItemDto {
  @ApiProperty({ description: 'open and past its due date, or its rectification deadline marked overdue' }) overdue: boolean;
  @ApiProperty({ type: [CaseEventDto] }) events: CaseEventDto[];
  @ApiProperty({ type: RectificationOrderDto, nullable: true, description: 'the latest rectification order (限期改正指令书), null when none' })
  rectificationOrder: RectificationOrderDto | null;
}

export class InspectorLoadDto {
  @ApiProperty({ type: 'integer' }) inspectorId: number;
  @ApiProperty({ example: '王强' }) name: string;
  @ApiProperty({ type: 'integer', description: 'open cases assigned after the spread' }) openCases: number;
}

/** POST /api/inspection-cases/assign-evenly. */
export class AssignEvenlyResultDto {
  @ApiProperty({ type: 'integer', description: 'cases assigned now' }) assigned: number;
  @ApiProperty({ type: [InspectorLoadDto] }) loads: InspectorLoadDto[];
}
