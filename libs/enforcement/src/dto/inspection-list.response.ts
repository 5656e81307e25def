import { ApiProperty } from '@nestjs/swagger';
import type { InspectionListRow, ListEntryRow } from '../repositories/inspection-list.repository';
import type { InspectionListView } from '../services/inspection-lists.service';

export const INSPECTION_LIST_STATUSES = ['compiled', 'dispatched'] as const satisfies readonly InspectionListRow['status'][];

export class ListDepartmentDto {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ example: '劳动保障监察支队' }) name: string;
}

/** What the caller may do with a list now, by the rule the review routes enforce. */
export class InspectionListActionsDto {
  @ApiProperty({ description: "remove entries and dispatch: the office of the campaign's unit or above, while the list is compiled" }) review: boolean;
}

/** A key-inspection list (重点检查用人单位名单). */
export class InspectionListDto implements InspectionListView {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-10' }) cutoffDate: string;
  @ApiProperty({ type: String, format: 'date-time' }) cutoffAt: Date;
  @ApiProperty({ enum: INSPECTION_LIST_STATUSES }) status: 'compiled' | 'dispatched';
  @ApiProperty({ type: String, format: 'date-time' }) compiledAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dispatchedAt: Date | null;
  @ApiProperty({ type: 'integer', description: 'entries not removed' }) entryCount: number;
  @ApiProperty({ type: 'integer', description: 'entries removed at review' }) removedCount: number;
  @ApiProperty({ type: [ListDepartmentDto], description: 'receiving departments (empty until dispatched)' }) departments: ListDepartmentDto[];
  @ApiProperty({ type: InspectionListActionsDto, description: 'what you may do with it' }) can: InspectionListActionsDto;
}

/** POST /api/inspection-lists. */
export class CompiledInspectionListDto extends InspectionListDto {
  @ApiProperty({ description: 'false: the cutoff had its list already (the same list is answered)' }) created: boolean;
}

export class CasesOpenedDto {
  @ApiProperty({ type: 'integer' }) departmentId: number;
  @ApiProperty({ type: 'integer', description: 'cases opened for the department' }) count: number;
}

/** POST /api/inspection-lists/:id/dispatch. */
export class DispatchedInspectionListDto extends InspectionListDto {
  @ApiProperty({ type: [CasesOpenedDto] }) casesOpened: CasesOpenedDto[];
}

/** An employer on a list (removed ones too, with when and why). */
export class ListEntryDto implements ListEntryRow {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) employerId: number;
  @ApiProperty({ example: '91440300MA5F00001X' }) uscc: string;
  @ApiProperty({ example: '东湖区某某商贸有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '东湖区人民路 1 号' }) address: string | null;
  @ApiProperty({ example: '东湖区' }) districtName: string;
  @ApiProperty({ type: String, nullable: true, example: '城关街道' }) townName: string | null;
  @ApiProperty({ type: 'integer' }) uninsuredCount: number;
  @ApiProperty({ type: 'integer' }) refusalCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastVisitAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: '李娜' }) cadreName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) removedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: '已于 9 月 12 日补缴参保' }) removalReason: string | null;
}
