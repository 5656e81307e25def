import { describe, expect, it } from 'vitest';
import { matchSummary } from './match-labels';

const base = {
  purpose: 'department',
  dataKind: 'person',
  status: 'done',
  rowsRead: 10,
  rowsBad: 2,
  rowsInsured: 3,
  inserted: 4,
  updated: 1,
  entriesClosed: 0,
  error: null,
} as const;

describe('matchSummary', () => {
  it('says what a department list did', () => {
    expect(matchSummary(base)).toBe('比对完成：共 10行，已参保 3条，新增名册 4条，更新名册 1条，有误 2行');
    expect(matchSummary({ ...base, dataKind: 'death', entriesClosed: 5 })).toBe('比对完成：共 10行，核销死亡 5人，有误 2行');
  });
  it('says what a roster import closed, and why a run failed', () => {
    expect(matchSummary({ ...base, purpose: 'roster', entriesClosed: 7 })).toBe(
      '导入完成：共 10行，参保库新增 4条、更新 1条，名册中 7条已核销为已参保，有误 2行',
    );
    expect(matchSummary({ ...base, status: 'failed', error: '文件为空：没有表头行' })).toBe('处理失败：文件为空：没有表头行');
    expect(matchSummary({ ...base, status: 'running', rowsRead: 0 })).toBe('处理中：正在读取文件…');
  });
});
