// What the screen says about a registry import while the worker loads it (GET /api/registry-imports/:id).
// The API counts the rows read but not the rows still to come, so the bar shows the stages: queued 0 %,
// running 50 % with the rows read so far, done 100 %; a failed import stops the bar with the reason.
import { formatCount } from '../../lib/format';
import type { RegistryImport } from './imports-hooks';

export type ImportStatus = RegistryImport['status'];

export const STATUS_LABELS: Record<ImportStatus, { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '导入中', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

export const KIND_LABELS: Record<RegistryImport['kind'], string> = { person: '人员名册', employer: '单位名册' };

export interface ImportProgress {
  percent: number;
  status: 'normal' | 'active' | 'success' | 'exception';
  text: string;
}

type Counts = Pick<RegistryImport, 'status' | 'rowsRead' | 'rowsGood' | 'rowsBad' | 'rowsOutOfScope' | 'inserted' | 'updated' | 'error'>;

export function importProgress(j: Counts): ImportProgress {
  switch (j.status) {
    case 'queued':
      return { percent: 0, status: 'active', text: '排队中，等待处理…' };
    case 'running':
      return {
        percent: 50,
        status: 'active',
        text: j.rowsRead
          ? `导入中：已读取 ${formatCount(j.rowsRead, '行')}（合格 ${formatCount(j.rowsGood, '行')}，有误 ${formatCount(j.rowsBad, '行')}）`
          : '导入中：正在读取文件…',
      };
    case 'done':
      return {
        percent: 100,
        status: 'success',
        text: `导入完成：共 ${formatCount(j.rowsRead, '行')}，新增 ${formatCount(j.inserted, '条')}，更新 ${formatCount(j.updated, '条')}，有误 ${formatCount(j.rowsBad, '行')}${j.rowsOutOfScope ? `（其中 ${formatCount(j.rowsOutOfScope, '行')}属于其他单位）` : ''}`,
      };
    case 'failed':
      return { percent: 100, status: 'exception', text: `导入失败：${j.error ?? '原因不明'}` };
    default:
      return { percent: 0, status: 'normal', text: String(j.status) };
  }
}

/** Still moving: poll until the import ends. */
export function importRunning(status: ImportStatus | undefined): boolean {
  return status === 'queued' || status === 'running';
}
