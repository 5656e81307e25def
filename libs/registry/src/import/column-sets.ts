import { EMPLOYER_FLAG_LABELS, EMPLOYER_FLAGS, EntryKind, SOURCE_GROUP_LABELS, SOURCE_GROUPS } from '../registry.types';
import { parseIdNumber } from '../rules/id-number';
import { parsePhone } from '#core';
import { parseUscc } from '../rules/uscc';

/**
 * The documented import columns. Each column is recognised by its English key, its Chinese header or one
 * of its aliases (HEADER_ALIASES; case, spaces, full-width spaces and a BOM ignored); other columns are ignored.
 */
export interface ColumnDef {
  key: string;
  zh: string;
  required: boolean;
}

export const PERSON_COLUMNS: ColumnDef[] = [
  { key: 'idNumber', zh: '身份证号码', required: true },
  { key: 'name', zh: '姓名', required: true },
  { key: 'phone', zh: '联系电话', required: false },
  { key: 'address', zh: '住址', required: false },
  { key: 'villageCode', zh: '村社区代码', required: true },
  { key: 'group', zh: '人员类别', required: true },
  { key: 'currentScheme', zh: '当前参保险种', required: false },
  { key: 'insuranceStatus', zh: '参保状态', required: false },
  { key: 'employerUscc', zh: '所在单位统一社会信用代码', required: false },
];

export const EMPLOYER_COLUMNS: ColumnDef[] = [
  { key: 'uscc', zh: '统一社会信用代码', required: true },
  { key: 'name', zh: '单位名称', required: true },
  { key: 'legalRepresentative', zh: '法定代表人', required: false },
  { key: 'address', zh: '地址', required: false },
  { key: 'unitCode', zh: '所在村镇代码', required: true },
  { key: 'industry', zh: '行业', required: false },
  { key: 'staffCount', zh: '职工人数', required: true },
  { key: 'insuredCount', zh: '参保人数', required: true },
  { key: 'uninsuredCount', zh: '未参保人数', required: false },
  { key: 'flags', zh: '标记', required: false },
];

export function columnsOf(kind: EntryKind): ColumnDef[] {
  return kind === 'person' ? PERSON_COLUMNS : EMPLOYER_COLUMNS;
}

/** Where each documented column is in the file's rows, by English key; -1 when the file lacks it. */
export type ColumnIndex = Record<string, number>;

/**
 * Other headers the departments' and towns' own sheets use for a documented column: one table, by kind and
 * column key. A header names one column only (no alias is shared by two columns of a kind).
 */
export const HEADER_ALIASES: Record<EntryKind, Record<string, string[]>> = {
  person: {
    idNumber: ['身份证号', '身份证', '公民身份号码', '公民身份证号码', '证件号码', '证件号', '身份证件号码'],
    name: ['名字', '人员姓名', '参保人姓名'],
    phone: ['手机号', '手机号码', '手机', '电话', '电话号码', '联系方式', '联系电话号码'],
    address: ['地址', '家庭住址', '户籍地址', '居住地址', '现住址'],
    villageCode: ['村社区编码', '村（社区）代码', '村(社区)代码', '村居代码', '社区代码', '村代码'],
    group: ['类别', '人员分类', '对象类别'],
    currentScheme: ['参保险种', '当前险种'],
    insuranceStatus: ['参保情况'],
    employerUscc: ['单位统一社会信用代码', '所在单位信用代码', '工作单位统一社会信用代码'],
  },
  employer: {
    uscc: ['信用代码', '社会信用代码', '统一代码', '单位统一社会信用代码'],
    name: ['单位', '企业名称', '用人单位名称', '用人单位'],
    legalRepresentative: ['法人代表', '法定代表人姓名', '法人'],
    address: ['单位地址', '注册地址', '经营地址', '住所'],
    unitCode: ['所在村镇编码', '村镇代码', '所在单位代码', '属地代码'],
    industry: ['所属行业', '行业类别'],
    staffCount: ['职工人数（人）', '职工数', '从业人数', '用工人数'],
    insuredCount: ['参保人数（人）', '已参保人数'],
    uninsuredCount: ['未参保人数（人）', '未参保'],
    flags: ['标签', '类型标记'],
  },
};

/** A header cell as compared: BOM, zero-width and all kinds of spaces removed (inside too: 身份证 号码), lower-cased. */
export function normaliseHeader(h: unknown): string {
  return String(h ?? '')
    .replace(/[\uFEFF\u200B-\u200D\u2060]/g, '')
    .replace(/[\s\u3000\u00A0]+/g, '')
    .toLowerCase();
}

/** Every name a column answers to (key, Chinese header, aliases), normalised, to its key. */
export function headerNames(cols: ColumnDef[], aliases: Record<string, string[]>): Map<string, string> {
  const byName = new Map<string, string>();
  for (const c of cols) {
    for (const n of [c.key, c.zh, ...(aliases[c.key] ?? [])]) byName.set(normaliseHeader(n), c.key);
  }
  return byName;
}
const HEADER_NAMES: Record<EntryKind, Map<string, string>> = {
  person: headerNames(PERSON_COLUMNS, HEADER_ALIASES.person),
  employer: headerNames(EMPLOYER_COLUMNS, HEADER_ALIASES.employer),
};

/** Header row -> index of each known column (the first of two that name one column); throws a clerk-readable message if a required column is missing. */
export function mapHeader(kind: EntryKind, header: string[]): ColumnIndex {
  return indexColumns(columnsOf(kind), HEADER_NAMES[kind], header);
}

/** mapHeader for any documented column set (`byName` from headerNames). */
export function indexColumns(cols: ColumnDef[], byName: Map<string, string>, header: string[]): ColumnIndex {
  const index: ColumnIndex = Object.fromEntries(cols.map((c) => [c.key, -1]));
  header.forEach((h, i) => {
    const key = byName.get(normaliseHeader(h));
    if (key && index[key] < 0) index[key] = i;
  });
  const missing = cols.filter((c) => c.required && index[c.key] < 0).map((c) => `${c.zh}(${c.key})`);
  if (missing.length) throw new Error(`文件缺少必填列: ${missing.join(', ')}（表头可用模板中的中文列名或其常用写法，如 身份证号、手机号）`);
  return index;
}

/** A unit an entry may be filed under: the villages (and, for employers, towns) in the importer's subtree. */
export interface KnownUnit {
  id: number;
  path: string;
  level: string;
}

export interface RowError {
  column: string;
  reason: string;
}

/** A validated row: the COPY columns in stage order, or the errors. */
export type RowResult = { ok: true; values: (string | number | null)[] } | { ok: false; errors: RowError[] };

function groupLookup(): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of SOURCE_GROUPS) {
    m.set(g, g);
    m.set(SOURCE_GROUP_LABELS[g], g);
  }
  // Short labels the departments' lists use.
  m.set('平台从业人员', 'platform_worker').set('新就业形态', 'platform_worker').set('断缴人员', 'lapsed_contributor').set('灵活就业', 'freelancer');
  return m;
}
const GROUPS = groupLookup();
const FLAGS = new Map<string, string>([
  ...EMPLOYER_FLAGS.map((f) => [f, f] as [string, string]),
  ...EMPLOYER_FLAGS.map((f) => [EMPLOYER_FLAG_LABELS[f], f] as [string, string]),
]);

/** Stage columns for people, in COPY order (after row_no). */
export const PERSON_STAGE = [
  'id_number',
  'name',
  'sex',
  'birth_date',
  'phone',
  'address',
  'org_unit_id',
  'org_unit_path',
  'source_group',
  'current_scheme',
  'insurance_status',
  'employer_uscc',
] as const;

export const EMPLOYER_STAGE = [
  'uscc',
  'name',
  'legal_representative',
  'address',
  'org_unit_id',
  'org_unit_path',
  'industry',
  'staff_count',
  'insured_count',
  'uninsured_count',
  'flags',
] as const;

function cell(rec: string[], i: number): string {
  return i < 0 ? '' : (rec[i] ?? '').trim();
}

function nonNegInt(v: string): number | null {
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
}

export function validatePersonRow(rec: string[], index: ColumnIndex, units: Map<string, KnownUnit>, today: string): RowResult {
  const errors: RowError[] = [];
  const rawId = cell(rec, index.idNumber);
  const name = cell(rec, index.name);
  const rawPhone = cell(rec, index.phone);
  const phone = rawPhone ? parsePhone(rawPhone) : undefined;
  const village = cell(rec, index.villageCode);
  const group = cell(rec, index.group);
  const employerUscc = cell(rec, index.employerUscc).toUpperCase();
  let id: ReturnType<typeof parseIdNumber> | undefined;
  if (!rawId) errors.push({ column: 'idNumber', reason: '身份证号码必填' });
  else {
    id = parseIdNumber(rawId, today);
    if (!id.ok) errors.push({ column: 'idNumber', reason: id.reason });
  }
  if (!name) errors.push({ column: 'name', reason: '姓名必填' });
  if (phone && !phone.ok) errors.push({ column: 'phone', reason: phone.reason });
  const unit = village ? units.get(village) : undefined;
  if (!village) errors.push({ column: 'villageCode', reason: '村社区代码必填' });
  else if (!unit || unit.level !== 'village') errors.push({ column: 'villageCode', reason: `村社区代码 ${village} 不存在或不在本单位辖区` });
  const sourceGroup = GROUPS.get(group);
  if (!group) errors.push({ column: 'group', reason: '人员类别必填' });
  else if (!sourceGroup) errors.push({ column: 'group', reason: `人员类别 ${group} 不在规定类别内` });
  if (employerUscc && !parseUscc(employerUscc).ok) errors.push({ column: 'employerUscc', reason: '所在单位统一社会信用代码无效' });
  if (errors.length || !id?.ok || !unit || !sourceGroup) return { ok: false, errors };
  return {
    ok: true,
    values: [
      id.idNumber,
      name,
      id.sex,
      id.birthDate,
      phone?.ok ? phone.phone : null,
      cell(rec, index.address) || null,
      unit.id,
      unit.path,
      sourceGroup,
      cell(rec, index.currentScheme) || null,
      cell(rec, index.insuranceStatus) || null,
      employerUscc || null,
    ],
  };
}

export function validateEmployerRow(rec: string[], index: ColumnIndex, units: Map<string, KnownUnit>): RowResult {
  const errors: RowError[] = [];
  const rawUscc = cell(rec, index.uscc);
  const name = cell(rec, index.name);
  const unitCode = cell(rec, index.unitCode);
  let uscc: ReturnType<typeof parseUscc> | undefined;
  if (!rawUscc) errors.push({ column: 'uscc', reason: '统一社会信用代码必填' });
  else {
    uscc = parseUscc(rawUscc);
    if (!uscc.ok) errors.push({ column: 'uscc', reason: uscc.reason });
  }
  if (!name) errors.push({ column: 'name', reason: '单位名称必填' });
  const unit = unitCode ? units.get(unitCode) : undefined;
  if (!unitCode) errors.push({ column: 'unitCode', reason: '所在村镇代码必填' });
  else if (!unit) errors.push({ column: 'unitCode', reason: `所在村镇代码 ${unitCode} 不存在或不在本单位辖区` });
  const staff = nonNegInt(cell(rec, index.staffCount));
  const insured = nonNegInt(cell(rec, index.insuredCount));
  const rawUninsured = cell(rec, index.uninsuredCount);
  let uninsured = rawUninsured ? nonNegInt(rawUninsured) : null;
  if (staff === null) errors.push({ column: 'staffCount', reason: '职工人数应为非负整数' });
  if (insured === null) errors.push({ column: 'insuredCount', reason: '参保人数应为非负整数' });
  if (rawUninsured && uninsured === null) errors.push({ column: 'uninsuredCount', reason: '未参保人数应为非负整数' });
  if (staff !== null && insured !== null && insured > staff) errors.push({ column: 'insuredCount', reason: '参保人数大于职工人数' });
  if (staff !== null && insured !== null && uninsured === null && !rawUninsured) uninsured = staff - insured;
  const flags: string[] = [];
  for (const f of cell(rec, index.flags)
    .split(/[;；,，|]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const code = FLAGS.get(f);
    if (!code) errors.push({ column: 'flags', reason: `标记 ${f} 不在规定范围内` });
    else if (!flags.includes(code)) flags.push(code);
  }
  if (errors.length || !uscc?.ok || !unit || staff === null || insured === null || uninsured === null) return { ok: false, errors };
  return {
    ok: true,
    values: [
      uscc.uscc,
      name,
      cell(rec, index.legalRepresentative) || null,
      cell(rec, index.address) || null,
      unit.id,
      unit.path,
      cell(rec, index.industry) || null,
      staff,
      insured,
      uninsured,
      `{${flags.join(',')}}`,
    ],
  };
}

/** One value in PostgreSQL COPY text format. */
export function copyValue(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** A text array in PostgreSQL COPY text format: each element quoted (backslash and quote escaped), then the whole as a COPY value. */
export function copyArray(values: string[]): string {
  return copyValue(`{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`);
}
