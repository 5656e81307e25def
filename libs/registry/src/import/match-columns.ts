import { isIsoDate, parsePhone } from '#core';
import { EntryKind } from '../registry.types';
import { parseIdNumber } from '../rules/id-number';
import { parseUscc } from '../rules/uscc';
import { ColumnDef, ColumnIndex, HEADER_ALIASES, headerNames, indexColumns, KnownUnit, RowError } from './column-sets';

/** What an upload to the registry's import pipeline is for (registry_import_job.purpose). */
export const IMPORT_PURPOSES = ['registry', 'roster', 'department'] as const;
export type ImportPurpose = (typeof IMPORT_PURPOSES)[number];

/** The list of a roster or department upload: people, employers, or (departments only) civil affairs' death records. */
export const MATCH_DATA_KINDS = ['person', 'employer', 'death'] as const;
export type MatchDataKind = (typeof MATCH_DATA_KINDS)[number];

/** The entry table a list is matched with: death records close people. */
export function entryKindOf(dataKind: MatchDataKind): EntryKind {
  return dataKind === 'employer' ? 'employer' : 'person';
}

/** The roster's and the departments' documented columns (the registry's aliases of the same columns are accepted too). */
export const MATCH_COLUMNS = {
  roster: {
    person: [
      { key: 'idNumber', zh: '身份证号', required: true },
      { key: 'name', zh: '姓名', required: true },
      { key: 'scheme', zh: '险种', required: false },
      { key: 'insuredOn', zh: '参保日期', required: false },
    ],
    employer: [
      { key: 'uscc', zh: '统一社会信用代码', required: true },
      { key: 'name', zh: '名称', required: true },
      { key: 'insuredCount', zh: '参保人数', required: false },
    ],
  },
  department: {
    person: [
      { key: 'idNumber', zh: '身份证号', required: true },
      { key: 'name', zh: '姓名', required: true },
      { key: 'phone', zh: '电话', required: false },
      { key: 'address', zh: '地址', required: false },
      { key: 'villageCode', zh: '所属村（社区）代码', required: true },
    ],
    employer: [
      { key: 'uscc', zh: '统一社会信用代码', required: true },
      { key: 'name', zh: '名称', required: true },
      { key: 'legalRepresentative', zh: '法定代表人', required: false },
      { key: 'address', zh: '地址', required: false },
      { key: 'unitCode', zh: '所属村镇代码', required: true },
    ],
    death: [
      { key: 'idNumber', zh: '身份证号', required: true },
      { key: 'name', zh: '姓名', required: true },
      { key: 'deathDate', zh: '死亡日期', required: true },
    ],
  },
} as const satisfies { roster: Record<'person' | 'employer', ColumnDef[]>; department: Record<MatchDataKind, ColumnDef[]> };

const EXTRA_ALIASES: Record<string, string[]> = {
  scheme: ['参保险种', '险种名称', '当前参保险种'],
  insuredOn: ['参保时间', '首次参保日期', '参保登记日期'],
  insuredCount: ['参保人数（人）', '已参保人数', '在职参保人数'],
  villageCode: ['村社区代码', '所属村社区代码', '所属村(社区)代码'],
  unitCode: ['所在村镇代码', '所属村（社区）代码', '所属村(社区)代码'],
  deathDate: ['死亡时间', '殡葬日期', '火化日期'],
  name: ['单位名称', '企业名称'],
};

/** The documented columns of a roster or department upload of `dataKind`; undefined for a pair that does not exist (a roster of deaths). */
export function matchColumns(purpose: 'roster' | 'department', dataKind: MatchDataKind): readonly ColumnDef[] | undefined {
  return (MATCH_COLUMNS[purpose] as Partial<Record<MatchDataKind, readonly ColumnDef[]>>)[dataKind];
}

function aliasesOf(dataKind: MatchDataKind): Record<string, string[]> {
  const base = HEADER_ALIASES[entryKindOf(dataKind)];
  const out: Record<string, string[]> = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(EXTRA_ALIASES)])) out[k] = [...(base[k] ?? []), ...(EXTRA_ALIASES[k] ?? [])];
  // a person's 地址 is the registry's alias of address; an employer's 名称 is its name: nothing to add
  return out;
}

/** Header row -> index of each documented column of the upload; a missing required column throws the clerk-readable message. */
export function mapMatchHeader(purpose: 'roster' | 'department', dataKind: MatchDataKind, header: string[]): ColumnIndex {
  const cols = [...matchColumns(purpose, dataKind)!];
  return indexColumns(cols, headerNames(cols, aliasesOf(dataKind)), header);
}

/**
 * A validated row, as the stage columns (MATCH_STAGE order) or the errors. Every list has a key (ID number or USCC)
 * and a name; the rest is null where the list has no such column.
 */
export type MatchRow = { ok: true; values: (string | number | null)[] } | { ok: false; errors: RowError[] };

/** The stage's columns after row_no, in COPY order. */
export const MATCH_STAGE = [
  'key',
  'name',
  'sex',
  'birth_date',
  'phone',
  'address',
  'legal_representative',
  'org_unit_id',
  'org_unit_path',
  'scheme',
  'event_date',
  'insured_count',
] as const;

function cell(rec: string[], i: number | undefined): string {
  return i === undefined || i < 0 ? '' : (rec[i] ?? '').trim();
}

/** A date cell as clerks type it: 2026-03-05, 2026/3/5, 2026.3.5 or 20260305 (an XLSX date cell reads as ISO); null when it is none. */
export function parseDateCell(v: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * Validates a row of a roster or department upload. `units`: the villages (and, for employers, towns) of the
 * campaign's tree by code; `today` bounds birth dates and dates of death; `within`: the subtree a department covers
 * (its unit's path and name), a unit outside it a bad row.
 */
export function validateMatchRow(
  purpose: 'roster' | 'department',
  dataKind: MatchDataKind,
  rec: string[],
  index: ColumnIndex,
  units: Map<string, KnownUnit>,
  today: string,
  within?: { path: string; name: string } | null,
): MatchRow {
  const errors: RowError[] = [];
  const name = cell(rec, index.name);
  if (!name) errors.push({ column: 'name', reason: dataKind === 'employer' ? '名称必填' : '姓名必填' });
  let key: string | null = null;
  let sex: string | null = null;
  let birth: string | null = null;
  if (dataKind === 'employer') {
    const raw = cell(rec, index.uscc);
    const u = raw ? parseUscc(raw) : undefined;
    if (!u) errors.push({ column: 'uscc', reason: '统一社会信用代码必填' });
    else if (!u.ok) errors.push({ column: 'uscc', reason: u.reason });
    else key = u.uscc;
  } else {
    const raw = cell(rec, index.idNumber);
    const id = raw ? parseIdNumber(raw, today) : undefined;
    if (!id) errors.push({ column: 'idNumber', reason: '身份证号必填' });
    else if (!id.ok) errors.push({ column: 'idNumber', reason: id.reason });
    else [key, sex, birth] = [id.idNumber, id.sex, id.birthDate];
  }
  let phone: string | null = null;
  const rawPhone = cell(rec, index.phone);
  if (rawPhone) {
    const p = parsePhone(rawPhone);
    if (p.ok) phone = p.phone;
    else errors.push({ column: 'phone', reason: p.reason });
  }
  let unit: KnownUnit | undefined;
  if (purpose === 'department' && dataKind !== 'death') {
    const column = dataKind === 'person' ? 'villageCode' : 'unitCode';
    const code = cell(rec, index[column]);
    unit = code ? units.get(code) : undefined;
    if (!code) errors.push({ column, reason: dataKind === 'person' ? '所属村（社区）代码必填' : '所属村镇代码必填' });
    else if (!unit || (dataKind === 'person' && unit.level !== 'village'))
      errors.push({ column, reason: `${dataKind === 'person' ? '所属村（社区）代码' : '所属村镇代码'} ${code} 不存在或不在本扩面任务的辖区内` });
    else if (within && !unit.path.startsWith(within.path)) {
      errors.push({ column, reason: `${dataKind === 'person' ? '所属村（社区）代码' : '所属村镇代码'} ${code} 不在本部门所属${within.name}的辖区内` });
      unit = undefined;
    }
  }
  let eventDate: string | null = null;
  const dateColumn = dataKind === 'death' ? 'deathDate' : purpose === 'roster' && dataKind === 'person' ? 'insuredOn' : null;
  if (dateColumn) {
    const raw = cell(rec, index[dateColumn]);
    const label = dataKind === 'death' ? '死亡日期' : '参保日期';
    if (raw) {
      eventDate = parseDateCell(raw);
      if (!eventDate) errors.push({ column: dateColumn, reason: `${label} ${raw} 不是有效日期，请写作 2026-03-05` });
      else if (eventDate > today) errors.push({ column: dateColumn, reason: `${label}不能晚于今天（${today}）` });
    } else if (dataKind === 'death') errors.push({ column: dateColumn, reason: '死亡日期必填' });
  }
  let insuredCount: number | null = null;
  if (purpose === 'roster' && dataKind === 'employer') {
    const raw = cell(rec, index.insuredCount);
    insuredCount = raw === '' ? 0 : /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    if (insuredCount === null) errors.push({ column: 'insuredCount', reason: '参保人数应为非负整数' });
  }
  if (errors.length || key === null) return { ok: false, errors };
  return {
    ok: true,
    values: [
      key,
      name,
      sex,
      birth,
      phone,
      cell(rec, index.address) || null,
      cell(rec, index.legalRepresentative) || null,
      unit?.id ?? null,
      unit?.path ?? null,
      cell(rec, index.scheme) || null,
      eventDate,
      insuredCount,
    ],
  };
}
