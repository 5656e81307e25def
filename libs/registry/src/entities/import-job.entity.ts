import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EntryKind, ImportStatus } from './registry-types';

/** An uploaded registry file and the queue job's progress (rows read / good / bad). */
@Entity('registry_import_job')
export class ImportJob {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column('text')
  kind: EntryKind;
  /** The uploader's unit: every row's village must lie in its subtree. */
  @Column({ name: 'org_unit_id', type: 'int' })
  orgUnitId: number;
  @Column({ name: 'org_unit_path', type: 'text' })
  orgUnitPath: string;
  /** The uploader saw the whole tree (admin, root office): the import may touch any entry of the campaign. */
  @Column({ name: 'sees_all', type: 'boolean' })
  seesAll: boolean;
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;
  @Column({ name: 'file_path', type: 'text', select: false })
  filePath: string;
  @Column({ name: 'file_format', type: 'text' })
  fileFormat: 'csv' | 'xlsx';
  @Column('text')
  status: ImportStatus;
  @Column('int')
  attempts: number;
  @Column({ name: 'rows_read', type: 'int' })
  rowsRead: number;
  @Column({ name: 'rows_good', type: 'int' })
  rowsGood: number;
  @Column({ name: 'rows_bad', type: 'int' })
  rowsBad: number;
  @Column({ name: 'rows_out_of_scope', type: 'int' })
  rowsOutOfScope: number;
  @Column('int')
  inserted: number;
  @Column('int')
  updated: number;
  @Column({ type: 'text', nullable: true })
  error: string | null;
  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
  /** When the uploaded file was deleted (the import ended, or the sweep of failed ones). */
  @Column({ name: 'file_removed_at', type: 'timestamptz', nullable: true })
  fileRemovedAt: Date | null;
}

/** One reason a row was rejected. */
@Entity('registry_import_error')
export class ImportError {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ name: 'import_job_id', type: 'bigint' })
  importJobId: string;
  @Column({ name: 'row_number', type: 'int' })
  rowNumber: number;
  @Column({ name: 'column_name', type: 'text' })
  columnName: string;
  @Column('text')
  reason: string;
}
