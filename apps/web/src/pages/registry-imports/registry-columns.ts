// The columns a registry file may carry, as GET /api/registry-reference lists them (libs/registry import/column-sets.ts):
// Chinese header, English key, required. Headers match in either language (or an alias); other columns are ignored.
// The template itself is the API's (GET /api/registry-imports/template.xlsx).
import type { RegistryReference } from '../registry/registry-hooks';

export type RegistryColumn = RegistryReference['columns']['person'][number];

/** The Chinese header of a column the API names by key (a bad row's column); the key itself if unknown. */
export function columnLabel(columns: readonly RegistryColumn[] | undefined, key: string): string {
  return columns?.find((c) => c.key === key)?.zh ?? key;
}
