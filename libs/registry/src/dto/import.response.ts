import { ApiProperty } from '@nestjs/swagger';

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
const DATE_TIME = { type: String, format: 'date-time' } as const;

/** A registry import and its progress. */
export class RegistryImportDto {
  @ApiProperty({ description: 'bigint id, as a string', example: '1' }) id: string;
  @ApiProperty({ type: 'integer', example: 1 }) campaignId: number;
  @ApiProperty({ enum: ['person', 'employer'] }) kind: string;
  @ApiProperty({ type: 'integer', description: "the importer's unit: every row's village must lie in its subtree", example: 4 }) orgUnitId: number;
  @ApiProperty({ example: '东湖街道名册.xlsx' }) fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) fileFormat: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: string;
  @ApiProperty({ type: 'integer', description: 'runs started so far', example: 1 }) attempts: number;
  @ApiProperty({ type: 'integer', example: 501 }) rowsRead: number;
  @ApiProperty({ type: 'integer', example: 500 }) rowsGood: number;
  @ApiProperty({ type: 'integer', example: 1 }) rowsBad: number;
  @ApiProperty({ type: 'integer', description: "of the bad rows, those whose key belongs to an entry outside the importer's subtree", example: 0 })
  rowsOutOfScope: number;
  @ApiProperty({ type: 'integer', example: 480 }) inserted: number;
  @ApiProperty({ type: 'integer', example: 20 }) updated: number;
  @ApiProperty({ type: String, nullable: true, description: 'why the import failed', example: '导入中断：数据库连接断开或重启，请点击重试' }) error:
    string | null;
  @ApiProperty(DATE_TIME) createdAt: Date;
  @ApiProperty({ ...DATE_TIME, nullable: true }) startedAt: Date | null;
  @ApiProperty({ ...DATE_TIME, nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'who uploaded it (display name)', example: '王芳' }) createdByName: string | null;
  @ApiProperty({ enum: ['registry', 'roster', 'department'], description: 'the registry import, the insured roster, or a department upload' })
  purpose: string;
  @ApiProperty({ type: String, enum: ['person', 'employer', 'death'], nullable: true, description: "a roster or department upload's list" })
  dataKind: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the duty a department upload delivers', example: 'taxed_uninsured' }) dutyCode: string | null;
  @ApiProperty({ type: 'integer', description: 'rows of a department upload found in the insured roster (已参保, no entry)', example: 12 })
  rowsInsured: number;
  @ApiProperty({ type: 'integer', description: 'entries closed: enrolled by a roster import, deceased by death records', example: 3 })
  entriesClosed: number;
}

/** A bad row of an import file. */
export class RegistryImportErrorDto {
  @ApiProperty({ type: 'integer', description: 'row number, the header being row 1', example: 5 }) rowNumber: number;
  @ApiProperty({ example: 'idNumber' }) column: string;
  @ApiProperty({ example: '身份证号码校验码错误' }) reason: string;
}
