import { ORG_LEVELS, OrgLevel } from '../entities/org-unit.entity';

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
    if (!r.code) errors.push({ row: r.row, field: 'code', message: 'code is required' });
    if (!r.name) errors.push({ row: r.row, field: 'name', message: 'name is required' });
    if (!ORG_LEVELS.includes(r.level as OrgLevel)) {
      errors.push({ row: r.row, field: 'level', message: `level "${r.level}" is not one of ${ORG_LEVELS.join(', ')}` });
    }
    if (!r.code) continue;
    if (byCode.has(r.code)) {
      errors.push({ row: r.row, field: 'code', message: `code ${r.code} appears twice (also row ${byCode.get(r.code)!.row})` });
      continue;
    }
    if (existingCodes.has(r.code)) errors.push({ row: r.row, field: 'code', message: `code ${r.code} already exists` });
    byCode.set(r.code, r);
  }
  for (const r of byCode.values()) {
    if (r.parentCode && !byCode.has(r.parentCode) && !existingCodes.has(r.parentCode)) {
      errors.push({ row: r.row, field: 'parent_code', message: `parent ${r.parentCode} is unknown` });
    }
    if (r.parentCode === r.code) errors.push({ row: r.row, field: 'parent_code', message: 'a unit cannot be its own parent' });
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
    if (r.parentCode !== r.code) errors.push({ row: r.row, field: 'parent_code', message: `code ${r.code} is part of a cycle of parents` });
  }
  errors.sort((a, b) => a.row - b.row);
  return { errors, ordered };
}
