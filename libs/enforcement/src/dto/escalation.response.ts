import { ApiProperty } from '@nestjs/swagger';
import type { CutoffRunRow, SubmissionEntryRow } from '../repositories/cutoff-run.repository';
import type { CandidateRow } from '../repositories/escalation-candidate.repository';

/** Who ran a cutoff: the schedule or the office by hand. */
export const CUTOFF_TRIGGERS = ['schedule', 'manual'] as const satisfies readonly CutoffRunRow['trigger'][];

/** An employer that is an escalation candidate (N+ refusals, not enrolled, no open case). */
export class CandidateDto implements CandidateRow {
  @ApiProperty({ type: 'integer' }) employerId: number;
  @ApiProperty({ example: '91440300MA5F00001X', description: '统一社会信用代码' }) uscc: string;
  @ApiProperty({ example: '东湖区某某商贸有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '东湖区人民路 1 号' }) address: string | null;
  @ApiProperty({ type: 'integer' }) districtId: number;
  @ApiProperty({ example: '东湖区' }) districtName: string;
  @ApiProperty({ type: 'integer', nullable: true }) townId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '城关街道' }) townName: string | null;
  @ApiProperty({ type: 'integer', example: 12, description: 'employees not insured' }) uninsuredCount: number;
  @ApiProperty({ type: 'integer', example: 3, description: 'visits that ended in refusal' }) refusalCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastVisitAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the responsible cadre (user id)' }) cadreId: number | null;
  @ApiProperty({ type: String, nullable: true, example: '李娜' }) cadreName: string | null;
}

/** GET /api/escalation-candidates: a page of candidates with the threshold and instant they were judged by. */
export class CandidatePageDto {
  @ApiProperty({ type: [CandidateDto] }) items: CandidateDto[];
  @ApiProperty({ type: 'integer', description: 'candidates matching, all pages' }) total: number;
  @ApiProperty({ type: 'integer', example: 1 }) page: number;
  @ApiProperty({ type: 'integer', example: 50 }) pageSize: number;
  @ApiProperty({ type: 'integer', example: 3, description: "the campaign's refusal threshold (escalation.refusalThreshold)" }) refusalThreshold: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'the instant the candidates are as of (now)' }) asOf: Date;
}

/** One district's submission at one cutoff. */
export class CutoffRunDto implements CutoffRunRow {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ type: 'integer' }) campaignId: number;
  @ApiProperty({ type: 'integer' }) districtId: number;
  @ApiProperty({ example: '东湖区' }) districtName: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-09-10' }) cutoffDate: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'the cutoff instant the entries are frozen as of' }) cutoffAt: Date;
  @ApiProperty({ enum: CUTOFF_TRIGGERS }) trigger: 'schedule' | 'manual';
  @ApiProperty({ type: String, format: 'date-time', description: 'when it ran (later than cutoffAt after an outage)' }) ranAt: Date;
  @ApiProperty({ type: 'integer', example: 5 }) entryCount: number;
}

/** An employer frozen into a submission. */
export class SubmissionEntryDto implements SubmissionEntryRow {
  @ApiProperty({ type: 'integer' }) employerId: number;
  @ApiProperty({ example: '91440300MA5F00001X' }) uscc: string;
  @ApiProperty({ example: '东湖区某某商贸有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '城关街道' }) townName: string | null;
  @ApiProperty({ type: 'integer' }) uninsuredCount: number;
  @ApiProperty({ type: 'integer' }) refusalCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastVisitAt: Date | null;
  @ApiProperty({ type: String, nullable: true, example: '李娜' }) cadreName: string | null;
}

/** POST /api/cutoff-runs. */
export class CutoffTriggeredDto {
  @ApiProperty({ type: 'integer', description: 'district submissions made now (0: the cutoff had run already)' }) created: number;
  @ApiProperty({ type: [CutoffRunDto], description: "every district's submission at the cutoff, by district" }) runs: CutoffRunDto[];
}
