import { hasBadText } from '#core';
import { ORG_LEVELS, OrgLevel } from '../org.types';

/** The same rules as a unit created one by one (CreateOrgUnitDto): a file is no way around them. */
export const UNIT_CODE = /^[A-Za-z0-9_-]{1,40}$/;
export const UNIT_NAME_MAX = 100;

export interface TreeRow {
  /** 1-based data row number as the clerk sees it in the file (header is row 1). */
  row: number;
  code: string;
  name: string;
  level: string;
  parentCode: string;
}

export interface TreeRowError {
  row: number;
  field: string;
  message: string;
}

/**
 * Checks a whole tree file before anything is written: required fields, level, duplicate codes
 * (in the file or already stored), parents that exist (in the file or stored), and cycles.
 * Returns rows in an order where every parent comes before its children.
 */
export function validateTree(rows: TreeRow[], existingCodes: Set<string>): { errors: TreeRowError[]; ordered: TreeRow[] } {
  const errors: TreeRowError[] = [];
  const byCode = new Map<string, TreeRow>();
  for (const r of rows) {
    const bad = (['code', 'name', 'level', 'parentCode'] as const).find((f) => hasBadText(r[f]));
    if (bad) {
      errors.push({ row: r.row, field: bad === 'parentCode' ? 'parent_code' : bad, message: '含有不允许的字符（空字符或无效的 Unicode 字符）(bad character)' });
      continue;
    }
    if (!r.code) errors.push({ row: r.row, field: 'code', message: '代码必填 (code is required)' });
    else if (!UNIT_CODE.test(r.code))
      errors.push({ row: r.row, field: 'code', message: '代码只能包含字母、数字、- 和 _，最多 40 个字符 (letters, digits, - and _, at most 40)' });
    if (!r.name) errors.push({ row: r.row, field: 'name', message: '名称必填 (name is required)' });
    else if ([...r.name].length > UNIT_NAME_MAX)
      errors.push({ row: r.row, field: 'name', message: `名称不能超过 ${UNIT_NAME_MAX} 个字符 (at most ${UNIT_NAME_MAX})` });
    if (!ORG_LEVELS.includes(r.level as OrgLevel)) {
      errors.push({
        row: r.row,
        field: 'level',
        message: `层级“${r.level}”不是 ${ORG_LEVELS.join('、')} 之一 (level "${r.level}" is not one of ${ORG_LEVELS.join(', ')})`,
      });
    }
    if (!r.code || !UNIT_CODE.test(r.code)) continue;
    if (byCode.has(r.code)) {
      errors.push({ row: r.row, field: 'code', message: `代码 ${r.code} 重复出现（另见第 ${byCode.get(r.code)!.row} 行）(code ${r.code} appears twice)` });
      continue;
    }
    if (existingCodes.has(r.code)) errors.push({ row: r.row, field: 'code', message: `代码 ${r.code} 已存在 (code ${r.code} already exists)` });
    byCode.set(r.code, r);
  }
  for (const r of byCode.values()) {
    if (r.parentCode && !byCode.has(r.parentCode) && !existingCodes.has(r.parentCode)) {
      errors.push({ row: r.row, field: 'parent_code', message: `上级代码 ${r.parentCode} 不存在 (parent ${r.parentCode} is unknown)` });
    }
    if (r.parentCode === r.code) errors.push({ row: r.row, field: 'parent_code', message: '单位不能是自己的上级 (a unit cannot be its own parent)' });
  }
  // Topological order; whatever cannot be placed is part of a cycle.
  const ordered: TreeRow[] = [];
  const placed = new Set<string>();
  const pending = [...byCode.values()];
  let progress = true;
  while (pending.length && progress) {
    progress = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const r = pending[i];
      if (!r.parentCode || placed.has(r.parentCode) || !byCode.has(r.parentCode)) {
        ordered.push(r);
        placed.add(r.code);
        pending.splice(i, 1);
        progress = true;
      }
    }
  }
  for (const r of pending) {
    if (r.parentCode !== r.code)
      errors.push({ row: r.row, field: 'parent_code', message: `代码 ${r.code} 的上级关系形成了循环 (code ${r.code} is part of a cycle of parents)` });
  }
  errors.sort((a, b) => a.row - b.row);
  return { errors, ordered };
}
