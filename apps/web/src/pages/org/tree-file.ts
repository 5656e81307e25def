// The tree file the API imports (libs/org import/tree-file.ts): columns code,name,level,parent_code (or 代码,名称,层级,上级代码),
// and how its refusals read on screen: one table row per bad row and field.
import { toApiError } from '../../api/errors';

/** The template offered for download: the header the API reads and two example rows under an existing unit. */
export function treeTemplate(parentCode = 'YB'): string {
  return ['code,name,level,parent_code', `XQ,新区,district,${parentCode}`, 'XQ01,新区街道,town,XQ', ''].join('\r\n');
}

export const TREE_FIELD_LABELS: Record<string, string> = {
  code: '代码',
  name: '名称',
  level: '层级',
  parent_code: '上级代码',
  parentCode: '上级代码',
  file: '文件',
};

export interface TreeRowError {
  key: string;
  row: number | null;
  field: string;
  message: string;
}

/** The bad rows of a refused tree file, by row (a refusal about the whole file has no row). */
export function treeRowErrors(e: unknown): TreeRowError[] {
  return toApiError(e)
    .fields.map((f, i) => ({ key: `${i}`, row: f.row ?? null, field: TREE_FIELD_LABELS[f.field] ?? f.field, message: f.message }))
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
