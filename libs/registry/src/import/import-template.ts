import { addTableSheet, workbookBuffer, XlsxFile } from '#core';
import ExcelJS from 'exceljs';
import { EMPLOYER_FLAG_LABELS, EMPLOYER_FLAGS, EntryKind, SOURCE_GROUP_LABELS, SOURCE_GROUPS } from '../registry.types';
import { columnsOf, HEADER_ALIASES } from './column-sets';

/** How each documented column is filled in, for the template's notes sheet. */
const FORMATS: Record<EntryKind, Record<string, string>> = {
  person: {
    idNumber: '18位居民身份证号码，末位可为X；须通过校验，出生日期须真实',
    name: '姓名',
    phone: '11位手机号，可带+86（如 +86 139 1234 5678）；或固定电话 区号-号码（如 0831-1234567）',
    address: '住址，自由填写',
    villageCode: '所在村（社区）的单位代码，须是本单位辖区内的村（社区）',
    group: `以下之一：${SOURCE_GROUPS.map((g) => SOURCE_GROUP_LABELS[g]).join('、')}`,
    currentScheme: '当前参加的险种，自由填写，如 城乡居民养老保险',
    insuranceStatus: '参保状态，自由填写，如 未参保、中断缴费',
    employerUscc: '所在单位的18位统一社会信用代码；该单位已导入时自动关联',
  },
  employer: {
    uscc: '18位统一社会信用代码，须通过校验（GB 32100）',
    name: '单位名称',
    legalRepresentative: '法定代表人姓名',
    address: '单位地址，自由填写',
    unitCode: '所在村（社区）或镇（街道）的单位代码，须在本单位辖区内',
    industry: '所属行业，自由填写',
    staffCount: '非负整数',
    insuredCount: '非负整数，不大于职工人数',
    uninsuredCount: '非负整数；不填则按 职工人数 − 参保人数',
    flags: `可不填，或以下一个或多个（用分号分隔）：${EMPLOYER_FLAGS.map((f) => EMPLOYER_FLAG_LABELS[f]).join('、')}`,
  },
};

/** One filled-in row, valid but for the unit code (which names a unit of the clerk's own tree). */
const EXAMPLES: Record<EntryKind, Record<string, string>> = {
  person: {
    idNumber: '11010519491231002X',
    name: '张三',
    phone: '13912345678',
    address: '一组12号',
    villageCode: '510105001001',
    group: SOURCE_GROUP_LABELS.land_expropriated_farmer,
    currentScheme: '',
    insuranceStatus: '未参保',
    employerUscc: '',
  },
  employer: {
    uscc: '91510105MA6CU5AB1A',
    name: '某某物流有限公司',
    legalRepresentative: '李四',
    address: '工业园区8号',
    unitCode: '510105001',
    industry: '交通运输',
    staffCount: '60',
    insuredCount: '12',
    uninsuredCount: '',
    flags: EMPLOYER_FLAG_LABELS.suspected_dispatch,
  },
};

export const TEMPLATE_NAMES: Record<EntryKind, string> = { person: '人员名册', employer: '单位名册' };

/**
 * The import template: the first sheet (the one the importer reads) has the documented columns with their
 * Chinese headers and one example row, every column stored as text so that Excel keeps ID numbers and codes
 * whole; the sheet 填写说明 says which columns are required, how to fill each and the other headers accepted.
 */
export async function importTemplate(kind: EntryKind): Promise<XlsxFile> {
  const cols = columnsOf(kind);
  const wb = new ExcelJS.Workbook();
  const sheet = addTableSheet(wb, {
    name: TEMPLATE_NAMES[kind],
    headers: cols.map((c) => c.zh),
    rows: [cols.map((c) => EXAMPLES[kind][c.key])],
    widths: cols.map((c) => (c.key === 'idNumber' || c.key === 'uscc' || c.key.endsWith('Uscc') ? 24 : Math.max(12, c.zh.length * 2 + 4))),
  });
  cols.forEach((c, i) => (sheet.getColumn(i + 1).numFmt = '@'));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  addTableSheet(wb, {
    name: '填写说明',
    title: `${TEMPLATE_NAMES[kind]}导入模板填写说明：第一个工作表第1行为表头，从第2行起每行一条；示例行导入前请删除。也可另存为 CSV（UTF-8 或 GBK 均可）上传。`,
    headers: ['列名', '是否必填', '填写格式', '也可用的列名'],
    rows: cols.map((c) => [c.zh, c.required ? '必填' : '选填', FORMATS[kind][c.key], (HEADER_ALIASES[kind][c.key] ?? []).join('、')]),
    widths: [24, 10, 60, 40],
  });
  return { fileName: `${TEMPLATE_NAMES[kind]}导入模板.xlsx`, buffer: await workbookBuffer(wb) };
}
