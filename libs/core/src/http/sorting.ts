import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from './pagination';

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface SortParams<K extends string = string> {
  sort?: K;
  order?: SortOrder;
}

type Ctor<T> = abstract new (...args: unknown[]) => T;

/**
 * A paged list query that also sorts on the server: `sort` is one of the list's own keys (a whitelist, so nothing
 * the caller sends reaches SQL), `order` asc or desc (desc when omitted). Extend it like PageQuery:
 *   export const CAMPAIGN_SORTS = ['name', 'createdAt'] as const;
 *   export class CampaignListQuery extends SortablePageQuery(CAMPAIGN_SORTS) { ... }
 * and build the ORDER BY with orderBySql(q, { name: 'c.name', createdAt: 'c.created_at' }, 'c.id DESC').
 */
export function SortablePageQuery<K extends string>(keys: readonly K[]): Ctor<PageQuery & SortParams<K>> {
  abstract class SortablePage extends PageQuery implements SortParams<K> {
    @ApiPropertyOptional({ enum: keys, description: 'Sort key (the list’s default order when omitted)' })
    @IsOptional()
    @IsIn(keys as unknown as unknown[])
    sort?: K;

    @ApiPropertyOptional({ enum: SORT_ORDERS, description: 'Sort direction; desc when omitted' })
    @IsOptional()
    @IsIn(SORT_ORDERS as unknown as unknown[])
    order?: SortOrder;
  }
  return SortablePage;
}

/**
 * `ORDER BY <column of q.sort> ASC|DESC NULLS LAST, <fallback>` — or `ORDER BY <fallback>` when nothing is asked.
 * `columns` maps each sort key to a trusted SQL expression; `fallback` is the list's default order and ends in a
 * unique column, so pages never overlap or skip rows between requests.
 */
export function orderBySql<K extends string>(q: SortParams<K>, columns: Record<K, string>, fallback: string): string {
  const column = q.sort !== undefined && Object.prototype.hasOwnProperty.call(columns, q.sort) ? columns[q.sort] : undefined;
  if (!column) return `ORDER BY ${fallback}`;
  return `ORDER BY ${column} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ${fallback}`;
}

/**
 * A sort column for a coded value in its own order rather than the alphabet's (statuses by their lifecycle, levels
 * top down): `array_position(ARRAY['draft','active','closed'], c.status)`. `values` are the code's constants.
 */
export function rankSql(column: string, values: readonly string[]): string {
  return `array_position(ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[], ${column})`;
}
