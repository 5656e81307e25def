// What the console says about a department upload or a roster import (GET /api/department-uploads/:id, /api/roster-imports/:id).
import { formatCount } from '../../lib/format';
import type { MatchDataKind, MatchUpload } from './match-uploads-hooks';

export const DATA_KIND_LABELS: Record<MatchDataKind, string> = { person: '人员名单', employer: '单位名单', death: '死亡人员名单' };

/** The documented columns of each list (the API's; other common headers such as 公民身份号码、手机号 are read too). */
export const DEPARTMENT_COLUMNS: Record<MatchDataKind, string> = {
  person: '身份证号*、姓名*、电话、地址、所属村（社区）代码*',
  employer: '统一社会信用代码*、名称*、法定代表人、地址、所属村镇代码*',
  death: '身份证号*、姓名*、死亡日期*',
};
export const ROSTER_COLUMNS: Record<'person' | 'employer', string> = {
  person: '身份证号*、姓名*、险种、参保日期',
  employer: '统一社会信用代码*、名称*、参保人数',
};

type Counts = Pick<
  MatchUpload,
  'purpose' | 'dataKind' | 'status' | 'rowsRead' | 'rowsBad' | 'rowsInsured' | 'inserted' | 'updated' | 'entriesClosed' | 'error'
>;

/** One line on where an upload stands and, once done, what it did. */
export function matchSummary(j: Counts): string {
  if (j.status === 'queued') return '排队中，等待处理…';
  if (j.status === 'running') return j.rowsRead ? `处理中：已读取 ${formatCount(j.rowsRead, '行')}` : '处理中：正在读取文件…';
  if (j.status === 'failed') return `处理失败：${j.error ?? '原因不明'}`;
  const bad = `有误 ${formatCount(j.rowsBad, '行')}`;
  if (j.purpose === 'roster')
    return `导入完成：共 ${formatCount(j.rowsRead, '行')}，参保库新增 ${formatCount(j.inserted, '条')}、更新 ${formatCount(j.updated, '条')}，名册中 ${formatCount(j.entriesClosed, '条')}已核销为已参保，${bad}`;
  if (j.dataKind === 'death') return `比对完成：共 ${formatCount(j.rowsRead, '行')}，核销死亡 ${formatCount(j.entriesClosed, '人')}，${bad}`;
  return `比对完成：共 ${formatCount(j.rowsRead, '行')}，已参保 ${formatCount(j.rowsInsured, '条')}，新增名册 ${formatCount(j.inserted, '条')}，更新名册 ${formatCount(j.updated, '条')}，${bad}`;
}
