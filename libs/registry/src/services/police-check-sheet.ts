import { businessDate, TableSheet } from '#core';
import { PersonRow } from '../repositories/entry.repository';
import { SOURCE_GROUP_LABELS, SourceGroup } from '../registry.types';

const SEX: Record<string, string> = { M: '男', F: '女' };

/**
 * The police-check list as the town office takes it to the police station (seed 001: 对无法联系的人员到派出所核查户籍):
 * full ID numbers, one row per unreachable person by village, and two blank columns for the station to fill in.
 */
export function policeCheckSheet(townName: string, today: string, rows: PersonRow[]): TableSheet {
  return {
    name: '派出所核查名单',
    title: `${townName}无法联系人员户籍核查名单（${today}）`,
    headers: ['序号', '村（社区）', '姓名', '身份证号码', '性别', '联系电话', '住址', '人员类别', '最近走访日期', '核查结果', '备注'],
    rows: rows.map((r, i) => [
      i + 1,
      r.unit_name,
      r.name,
      r.id_number,
      SEX[r.sex ?? ''] ?? '',
      r.phone ?? '',
      r.address ?? '',
      r.source_group ? SOURCE_GROUP_LABELS[r.source_group as SourceGroup] : '',
      r.last_visit_at ? businessDate(new Date(r.last_visit_at)) : '',
      '',
      '',
    ]),
    widths: [6, 16, 10, 22, 6, 14, 24, 18, 14, 20, 16],
  };
}
