import { describe, expect, it } from 'vitest';
import { importProgress, importRunning } from './import-progress';

const zero = { rowsRead: 0, rowsGood: 0, rowsBad: 0, rowsOutOfScope: 0, inserted: 0, updated: 0, error: null };

describe('registry import progress', () => {
  it('shows the stages of a load: queued, running with the rows read, done', () => {
    expect(importProgress({ ...zero, status: 'queued' })).toEqual({ percent: 0, status: 'active', text: '排队中，等待处理…' });
    expect(importProgress({ ...zero, status: 'running' })).toEqual({ percent: 50, status: 'active', text: '导入中：正在读取文件…' });
    expect(importProgress({ ...zero, status: 'running', rowsRead: 12345, rowsGood: 12343, rowsBad: 2 })).toEqual({
      percent: 50,
      status: 'active',
      text: '导入中：已读取 12,345行（合格 12,343行，有误 2行）',
    });
  });

  it('gives the totals when done, naming rows of other units, and the reason of a failure', () => {
    // 10 rows: 6 new + 2 updated + 2 bad
    expect(importProgress({ ...zero, status: 'done', rowsRead: 10, rowsGood: 8, rowsBad: 2, inserted: 6, updated: 2 }).text).toBe(
      '导入完成：共 10行，新增 6条，更新 2条，有误 2行',
    );
    expect(importProgress({ ...zero, status: 'done', rowsRead: 3, rowsBad: 1, rowsOutOfScope: 1 })).toMatchObject({
      percent: 100,
      status: 'success',
      text: '导入完成：共 3行，新增 0条，更新 0条，有误 1行（其中 1行属于其他单位）',
    });
    expect(importProgress({ ...zero, status: 'failed', error: '文件缺少必填列: 身份证号码(idNumber)' })).toEqual({
      percent: 100,
      status: 'exception',
      text: '导入失败：文件缺少必填列: 身份证号码(idNumber)',
    });
  });

  it('polls only while queued or running', () => {
    expect(['queued', 'running', 'done', 'failed', undefined].map((s) => importRunning(s as never))).toEqual([true, true, false, false, false]);
  });
});
