import { fitsNumeric } from '#core';

// Issue 17 point 1: a progress table as the offices keep it (seed 002 annex 3: 单位 | 7月末缴费人数 | 计划指标 | 完成进度;
// seed 002 annex 5: 序号 | 区县 | 1-7月新增参保人数 | 年度计划指标 | 1-7月指标完成率), read into report rows.

/** What a column of the table holds (`ignored`: known, not read, e.g. the completion rate the API computes itself). */
export type TableColumn = 'unit' | 'unitCode' | 'indicator' | 'actual' | 'denominator' | 'rate' | 'plan' | 'reason' | 'ignored';

const ALIASES: Record<Exclude<TableColumn, 'ignored'>, string[]> = {
  unit: ['单位', '单位名称', '区县', '区县名称', '地区', '区域', '镇街', '镇', '街道', '村', '村社区', '社区', '名称', '行政区划'],
  unitCode: ['单位编码', '单位代码', '编码', '代码'],
  indicator: ['指标', '指标名称', '指标代码', '指标编码'],
  actual: ['完成数', '完成', '实际完成', '实际完成数', '累计完成', '累计完成数', '完成人数', '实际数', '分子', '已参保人数', '参保人数', '缴费人数'],
  denominator: ['分母', '应参保人数', '应保人数'],
  rate: ['参保率', '比率', '覆盖率', '实际比率'],
  plan: ['计划指标', '计划', '计划数', '目标', '目标任务', '任务数', '任务指标', '年度计划', '年度计划指标'],
  reason: ['原因', '更正原因', '说明', '备注'],
};
// '7月末缴费人数', '1-7月新增参保人数': the month's cumulative figure; '完成进度', '1-7月指标完成率', '序号': not read
const ACTUAL_PATTERN = /^(\d+(-\d+)?月末?|年末|累计)(新增)?(缴费|参保)人数$/;
const IGNORED_PATTERN = /^(序号|.*完成(进度|率|比例))$/;

/** A header as compared: no spaces, no unit hint in brackets at the end ('参保率（%）' -> '参保率'), no BOM. */
export function headerKey(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[（(][^（()）]*[)）]$/, '');
}

/** The column a header names, or null when the table has no use for it. */
export function columnOf(header: string): TableColumn | null {
  const k = headerKey(header);
  if (!k) return null;
  for (const [col, names] of Object.entries(ALIASES)) if (names.includes(k)) return col as TableColumn;
  if (ACTUAL_PATTERN.test(k)) return 'actual';
  if (IGNORED_PATTERN.test(k)) return 'ignored';
  return null;
}

/** One data row of the table, as written (numbers normalised), with its 1-based row number in the file. */
export interface TableRow {
  row: number;
  unit: string;
  unitCode: string | null;
  indicator: string | null;
  actual: string | null;
  denominator: string | null;
  rate: string | null;
  plan: string | null;
  reason: string | null;
  /** Values that are not numbers, per field: { field: 'actual', header: '完成数', message }. */
  problems: { field: string; header: string; message: string }[];
}

export interface ParsedTable {
  /** The header of each column read, by what it holds (the clerk's words for the messages). */
  headers: Partial<Record<TableColumn, string>>;
  rows: TableRow[];
  /** Rows not read: totals (合计) and the like, with why. */
  skipped: { row: number; unit: string; reason: string }[];
}

export type TableProblem = { message: string };

const TOTAL_NAMES = new Set(['合计', '总计', '小计', '全市', '全区', '全县', '全镇', '合计数']);

/** The unit cell as compared: no spaces ('武 清' -> '武清', seed 002 annex 5). */
export const unitKey = (s: string): string => s.replace(/\s+/g, '');

/**
 * A number as the clerk typed it: thousands separators and spaces dropped ('2,727,334' -> '2727334'); a trailing '%'
 * kept apart. Null when empty; undefined when not a number.
 */
export function readNumber(cell: string): { value: string; percent: boolean } | null | undefined {
  const s = cell.replace(/[\s,，]/g, '');
  if (s === '' || s === '-' || s === '—') return null;
  const m = /^([+-]?(\d+(\.\d*)?|\.\d+))(%|％)?$/.exec(s);
  if (!m) return undefined;
  const v = m[1].startsWith('+') ? m[1].slice(1) : m[1];
  return { value: v.endsWith('.') ? v.slice(0, -1) : v, percent: !!m[4] };
}

/** Why a decimal string does not fit numeric(precision, scale) (too many decimals, too large), or null. */
function boundProblem(value: string, precision: number, scale: number): string | null {
  const decimals = value.split('.')[1]?.length ?? 0;
  if (decimals > scale) return `最多 ${scale} 位小数（at most ${scale} decimal places）`;
  if (!fitsNumeric(value, precision, scale)) return `数值过大（须小于 ${10n ** BigInt(precision - scale)}）（too large）`;
  return null;
}

/**
 * A rate cell in %: '98.5%' and '98.5' are 98.5 %; a bare number of at most 1 is a fraction (an Excel percent cell
 * holds 0.985 for 98.5 %): '0.985' -> '98.5'. So 1 % must be written '1%'.
 */
export function ratePercent(n: { value: string; percent: boolean }): string {
  if (n.percent || Number(n.value) > 1) return n.value;
  return shiftDecimal(n.value, 2);
}

/** value * 10^places as a decimal string, exactly ('0.985', 2 -> '98.5'). */
function shiftDecimal(value: string, places: number): string {
  const neg = value.startsWith('-');
  const [i, f = ''] = (neg ? value.slice(1) : value).split('.');
  const frac = f.padEnd(places, '0');
  const whole = (i + frac.slice(0, places)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(places).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

/**
 * The table's header row (the first of the first ten rows that names a figure column: titles and a 单位：人、% line may
 * stand above it), the columns it names, and its data rows. The unit column is the one headed 单位 (or an alias); a
 * blank first header (seed 002 annex 3) is the unit column too. Totals are skipped: a parent's figure is the sum of its
 * rows. Answers a problem when no header row or no unit column is found.
 */
export function parseProgressTable(table: string[][]): ParsedTable | TableProblem {
  const at = table.slice(0, 10).findIndex((r) => r.some((h) => columnOf(String(h ?? '')) === 'actual' || columnOf(String(h ?? '')) === 'rate'));
  if (at < 0)
    return {
      message:
        '找不到表头：前 10 行中须有一行表头含「完成数」（或 实际完成、7月末缴费人数）或「参保率」列，另有「单位」列（the header row names no figure column）',
    };
  const header = table[at].map((h) => String(h ?? ''));
  const cols = header.map(columnOf);
  if (!cols.includes('unit') && !cols.includes('unitCode') && headerKey(header[0] ?? '') === '') cols[0] = 'unit';
  if (!cols.includes('unit') && !cols.includes('unitCode'))
    return { message: `表头（第 ${at + 1} 行）缺少「单位」列（或 区县、地区、单位编码）（the header row names no unit column）` };
  const headers: ParsedTable['headers'] = {};
  cols.forEach((c, i) => {
    if (c && c !== 'ignored' && headers[c] === undefined) headers[c] = headerKey(header[i]) || '单位';
  });
  const cell = (r: string[], c: TableColumn): string => {
    const i = cols.indexOf(c);
    return i < 0 ? '' : String(r[i] ?? '').trim();
  };
  const rows: TableRow[] = [];
  const skipped: ParsedTable['skipped'] = [];
  table.slice(at + 1).forEach((r, k) => {
    const row = at + k + 2;
    if (r.every((v) => String(v ?? '').trim() === '')) return;
    const unit = unitKey(cell(r, 'unit'));
    if (TOTAL_NAMES.has(unit)) {
      skipped.push({ row, unit, reason: '合计行不导入：上级的完成数由各行汇总（a total row: the parent figure is the sum of the rows）' });
      return;
    }
    const problems: TableRow['problems'] = [];
    const num = (c: 'actual' | 'denominator' | 'rate' | 'plan'): { value: string; percent: boolean } | null => {
      const raw = cell(r, c);
      const n = readNumber(raw);
      if (n === undefined) {
        problems.push({ field: c, header: headers[c]!, message: `「${raw}」不是数字（not a number）` });
        return null;
      }
      return n;
    };
    // what is stored is held to the bounds of a report sent as JSON (CreateReportDto: numeric(18,2), a rate numeric(7,4))
    const bounded = (c: 'actual' | 'denominator' | 'rate', value: string | null, precision: number, scale: number): string | null => {
      const problem = value === null ? null : boundProblem(value, precision, scale);
      if (!problem) return value;
      problems.push({ field: c, header: headers[c]!, message: `「${cell(r, c)}」${problem}` });
      return null;
    };
    const actual = bounded('actual', num('actual')?.value ?? null, 18, 2);
    const denominator = bounded('denominator', num('denominator')?.value ?? null, 18, 2);
    const rate = num('rate');
    // the plan is shown beside the row, never stored: a cell like 无 or 未下达 is no plan, not a bad row
    const planCell = readNumber(cell(r, 'plan'));
    const plan = planCell === undefined ? null : planCell;
    // a rate beside both figures is derived from them (the table prints it): only a rate alone is reported as a rate
    const rateOnly = rate !== null && actual === null && denominator === null && !problems.length;
    rows.push({
      row,
      unit,
      unitCode: cell(r, 'unitCode') || null,
      indicator: cell(r, 'indicator') || null,
      actual,
      denominator,
      rate: rateOnly ? bounded('rate', ratePercent(rate), 7, 4) : null,
      plan: plan?.value ?? null,
      reason: cell(r, 'reason') || null,
      problems,
    });
  });
  return { headers, rows, skipped };
}

/** A unit the table may name: found in the subtree by its name, or by its name without the level suffix ('和平' for 和平区). */
export interface UnitCandidate {
  id: number;
  code: string;
  name: string;
  /** Holds a live task of the campaign for the row's indicator. */
  hasTask: boolean;
}

const LEVEL_SUFFIX = /(区|县|市|镇|乡|街道|村|社区)$/;

/**
 * The unit a row names (seed 002 writes 和平 for 和平区): the unit code if given, else the units named exactly so, else
 * those whose name without its level suffix is; among several, those that hold a task of the campaign for the
 * indicator. Still several (or none): a problem naming them, so the clerk can write the code instead.
 */
export function pickUnit(name: string, code: string | null, candidates: UnitCandidate[]): { unit: UnitCandidate } | TableProblem {
  if (code) {
    const byCode = candidates.find((c) => c.code === code);
    return byCode ? { unit: byCode } : { message: `单位编码「${code}」在您的管辖范围内不存在（no unit with code ${code} in your scope）` };
  }
  const key = unitKey(name);
  if (!key) return { message: '单位为空（the unit is empty）' };
  const exact = candidates.filter((c) => unitKey(c.name) === key);
  const loose = exact.length ? exact : candidates.filter((c) => unitKey(c.name).replace(LEVEL_SUFFIX, '') === key);
  const found = loose.length > 1 && loose.some((c) => c.hasTask) ? loose.filter((c) => c.hasTask) : loose;
  if (found.length === 1) return { unit: found[0] };
  if (!found.length) return { message: `在您的管辖范围内找不到名为「${name}」的单位（no unit named ${name} in your scope）` };
  return {
    message: `有 ${found.length} 个单位名为「${name}」：${found.map((c) => `${c.name}（${c.code}）`).join('、')}，请在「单位编码」列写明编码（ambiguous unit name）`,
  };
}
