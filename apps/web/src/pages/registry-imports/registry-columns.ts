// The columns a registry file may carry, as GET /api/registry-reference lists them (libs/registry import/column-sets.ts):
// Chinese header, English key, required. Headers match in either language; other columns are ignored.
import type { RegistryReference } from '../registry/registry-hooks';

export type RegistryColumn = RegistryReference['columns']['person'][number];

/** An empty template: the Chinese header row (with a BOM so that Excel reads it as UTF-8). */
export function registryTemplate(columns: readonly RegistryColumn[]): string {
  return '\uFEFF' + columns.map((c) => c.zh).join(',') + '\r\n';
}

/** The Chinese header of a column the API names by key (a bad row's column); the key itself if unknown. */
export function columnLabel(columns: readonly RegistryColumn[] | undefined, key: string): string {
  return columns?.find((c) => c.key === key)?.zh ?? key;
}
