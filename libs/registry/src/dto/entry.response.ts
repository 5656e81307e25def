import { ApiProperty } from '@nestjs/swagger';
import type { CadreRow } from '../repositories/assignment.repository';
import { EMPLOYER_FLAGS, EMPLOYER_OUTCOMES, PERSON_OUTCOMES, SOURCE_GROUPS, VISIT_METHODS, VISIT_OUTCOMES } from '../registry.types';

/** How an assignment was made (registry_assignment.mode). */
export const ASSIGN_MODES = ['single', 'filter', 'even'] as const;
const PERSON_STATUSES = ['pending', ...PERSON_OUTCOMES];
const EMPLOYER_STATUSES = ['pending', ...EMPLOYER_OUTCOMES];
const DATE_TIME = { type: String, format: 'date-time' } as const;

/** A person in a list: ID number and phone masked. */
export class RegistryPersonDto {
  @ApiProperty({ description: 'bigint id, as a string', example: '1024' }) id: string;
  @ApiProperty({ type: 'integer', example: 1 }) campaignId: number;
  @ApiProperty({ type: 'integer', description: 'the village or community the person is filed under', example: 6 }) orgUnitId: number;
  @ApiProperty({ example: '东湖村' }) unitName: string;
  @ApiProperty({ description: 'masked in lists (first 6 and last 4), in full in the audited detail read', example: '330102********0113' }) idNumber: string;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex: string;
  @ApiProperty({ type: 'integer', description: "completed years on the campaign's reference date", example: 45 }) age: number;
  @ApiProperty({ enum: ['employee_pension', 'resident_pension'], description: 'recommended scheme (seed 001 age rule)' }) recommendation: string;
  @ApiProperty({ type: String, nullable: true, description: 'masked in lists (139****5678)', example: '139****5678' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: '东湖村3组12号' }) address: string | null;
  @ApiProperty({ enum: SOURCE_GROUPS, example: 'lapsed_contributor' }) sourceGroup: string;
  @ApiProperty({ type: String, nullable: true, description: 'as the source file says', example: '城乡居民养老保险' }) currentScheme: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'as the source file says', example: '中断缴费' }) insuranceStatus: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the employer entry (bigint id as a string) the person works for', example: '12' }) employerId:
    string | null;
  @ApiProperty({ enum: PERSON_STATUSES, description: "the latest visit's outcome, pending before the first" }) status: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the user id of the assigned cadre', example: 6 }) cadreId: number | null;
  @ApiProperty({ type: 'integer', example: 1 }) visitCount: number;
  @ApiProperty({ ...DATE_TIME, nullable: true }) lastVisitAt: Date | null;
  @ApiProperty({ enum: PERSON_OUTCOMES, nullable: true }) lastOutcome: string | null;
}

/** A source of an entry (来源): a department's upload that reported it. */
export class RegistryEntrySourceDto {
  @ApiProperty({ type: 'integer', description: 'the reporting department (unit)', example: 9 }) orgUnitId: number;
  @ApiProperty({ example: '税务局' }) unitName: string;
  @ApiProperty({ description: 'the upload (bigint id, as a string)', example: '31' }) importId: string;
  @ApiProperty({ example: '已纳税未参保单位.xlsx' }) fileName: string;
  @ApiProperty({ type: 'integer', description: "the entry's row in that file (header = row 1)", example: 5 }) rowNumber: number;
  @ApiProperty({ ...DATE_TIME }) reportedAt: Date;
}

/** A person's full record (GET /api/registry-people/:id): unmasked, audited. */
export class RegistryPersonDetailDto extends RegistryPersonDto {
  @ApiProperty({ type: [RegistryEntrySourceDto], description: 'the departments that reported the person, oldest first' }) sources: RegistryEntrySourceDto[];
  @ApiProperty({ format: 'date', example: '1981-03-02' }) birthDate: string;
  @ApiProperty({ type: String, nullable: true, description: "the employer's unified social credit code from the source file", example: '91330102MA2XXXXX1R' })
  employerUscc: string | null;
  @ApiProperty({ ...DATE_TIME, nullable: true, description: 'when the current cadre was assigned' }) assignedAt: Date | null;
}

export class RegistryEmployerDto {
  @ApiProperty({ description: 'bigint id, as a string', example: '12' }) id: string;
  @ApiProperty({ type: 'integer', example: 1 }) campaignId: number;
  @ApiProperty({ type: 'integer', example: 6 }) orgUnitId: number;
  @ApiProperty({ example: '东湖街道' }) unitName: string;
  @ApiProperty({ description: 'unified social credit code', example: '91330102MA2XXXXX1R' }) uscc: string;
  @ApiProperty({ example: '云帆科技有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '李四' }) legalRepresentative: string | null;
  @ApiProperty({ type: String, nullable: true, example: '东湖路88号' }) address: string | null;
  @ApiProperty({ type: String, nullable: true, example: '软件和信息技术服务业' }) industry: string | null;
  @ApiProperty({ type: 'integer', example: 80 }) staffCount: number;
  @ApiProperty({ type: 'integer', example: 20 }) insuredCount: number;
  @ApiProperty({ type: 'integer', example: 60 }) uninsuredCount: number;
  @ApiProperty({ enum: EMPLOYER_FLAGS, isArray: true }) flags: string[];
  @ApiProperty({ enum: EMPLOYER_STATUSES, description: "the latest visit's outcome, pending before the first" }) status: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 6 }) cadreId: number | null;
  @ApiProperty({ type: 'integer', example: 2 }) visitCount: number;
  @ApiProperty({ type: 'integer', description: 'visits that ended in a refusal', example: 1 }) refusalCount: number;
  @ApiProperty({ type: 'integer', description: 'door-to-door visits', example: 1 }) onsiteVisitCount: number;
  @ApiProperty({ ...DATE_TIME, nullable: true }) lastVisitAt: Date | null;
  @ApiProperty({ enum: EMPLOYER_OUTCOMES, nullable: true }) lastOutcome: string | null;
}

/** An employer's full record (GET /api/registry-employers/:id), audited. */
export class RegistryEmployerDetailDto extends RegistryEmployerDto {
  @ApiProperty({ type: [RegistryEntrySourceDto], description: 'the departments that reported the employer, oldest first' }) sources: RegistryEntrySourceDto[];
}

/** A visit as POST /api/registry-visits answers it (the one already recorded, for a repeat). */
export class RegistryVisitDto {
  @ApiProperty({ description: 'bigint id, as a string', example: '7' }) id: string;
  @ApiProperty(DATE_TIME) visitedAt: Date;
  @ApiProperty({ enum: VISIT_METHODS }) method: string;
  @ApiProperty({ enum: VISIT_OUTCOMES }) outcome: string;
}

/** A visit in an entry's history. */
export class RegistryVisitHistoryDto extends RegistryVisitDto {
  @ApiProperty({ type: String, nullable: true, description: 'the proof filed for insured_elsewhere', example: '外省参保证明 2026-001' }) proofReference:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why not eligible', example: '现役军人' }) ineligibleReason: string | null;
  @ApiProperty({ type: String, nullable: true, example: '本人表示下月参保' }) note: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 6 }) visitorId: number | null;
  @ApiProperty({ type: String, nullable: true, description: "the visitor's display name", example: '王建国' }) visitorName: string | null;
}

/** A change of cadre in an entry's history. */
export class RegistryAssignmentDto {
  @ApiProperty({ description: 'bigint id, as a string', example: '3' }) id: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null for the first assignment', example: null }) fromCadreId: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 6 }) toCadreId: number | null;
  @ApiProperty({ enum: ASSIGN_MODES }) mode: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the user who assigned (null for the demo data)', example: 5 }) assignedBy: number | null;
  @ApiProperty(DATE_TIME) assignedAt: Date;
}

export class RegistryAssignResultDto {
  @ApiProperty({ type: 'integer', description: 'entries whose cadre changed (re-assigning to the same cadre counts nothing)', example: 25 }) assigned: number;
}

/** An active cadre who can be given entries: at the unit asked about or below (a cadre covers their own unit's subtree). */
export class RegistryCadreDto implements CadreRow {
  @ApiProperty({ type: 'integer', example: 8 }) id: number;
  @ApiProperty({ example: 'cadre' }) username: string;
  @ApiProperty({ example: '吴明' }) displayName: string;
  @ApiProperty({ type: 'integer', description: "the cadre's unit: they take entries filed under it and below", example: 6 }) orgUnitId: number;
  @ApiProperty({ example: '临江红星村' }) unitName: string;
  @ApiProperty({ type: 'integer', description: 'people assigned to the cadre', example: 50 }) people: number;
  @ApiProperty({ type: 'integer', description: 'employers assigned to the cadre', example: 5 }) employers: number;
}
