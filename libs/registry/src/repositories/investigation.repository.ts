import { orderBySql, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { InvestigationSort, OnsiteSort } from '../dto/investigation.dto';
import type { PageWindow } from './entry.repository';

/** A child unit's investigation counts (before the rates). */
export interface InvestigationCounts {
  unitId: number;
  unitName: string;
  employersIssued: number;
  employersInvestigated: number;
  peopleIssued: number;
  peopleInvestigated: number;
}

/** A page of child units' counts, with how many children there are and the counts summed over all of them. */
export interface InvestigationCountsPage {
  rows: InvestigationCounts[];
  total: number;
  sum: Omit<InvestigationCounts, 'unitId' | 'unitName'>;
}

/** An employer that needs an on-site visit, and whether it had one. */
export interface OnsiteEmployerRow {
  id: string;
  uscc: string;
  name: string;
  unitName: string;
  uninsuredCount: number;
  onsiteVisited: boolean;
  status: string;
}

/** A rate for sorting: investigated over issued, NULL when none was issued (so it sorts last either way, as "未下发"). */
const rate = (done: string, issued: string) => `(${done}::numeric / NULLIF(${issued}, 0))`;

/** The column behind each sort key of the investigation table (over the `c` counts); ties fall back to tree order. */
const INVESTIGATION_ORDER: Record<InvestigationSort, string> = {
  unitName: 'c."unitName"',
  employersIssued: 'c."employersIssued"',
  employersInvestigated: 'c."employersInvestigated"',
  employerRate: rate('c."employersInvestigated"', 'c."employersIssued"'),
  peopleIssued: 'c."peopleIssued"',
  peopleInvestigated: 'c."peopleInvestigated"',
  peopleRate: rate('c."peopleInvestigated"', 'c."peopleIssued"'),
};

/** Tree order: by the path's ids as numbers, so /1/2/ comes before /1/10/ (as text it would not). */
const TREE_ORDER = `string_to_array(btrim(c.path, '/'), '/')::int[]`;

/** The column behind each sort key of the on-site employers; ties fall back to the id. */
const ONSITE_ORDER: Record<OnsiteSort, string> = {
  uninsuredCount: 'e.uninsured_count',
  name: 'e.name',
  unitName: 'o.name',
  onsiteVisited: 'e.onsite_visit_count > 0',
};

/** Investigation read model over the entry tables, per unit of org's tree (its view org_unit_v). */
@Injectable()
export class InvestigationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of the active administrative children of the unit (member departments, level agency, are no rows of seed 002
   * annex 4), or the unit itself if it has none, sorted (tree order when no sort is asked): the campaign's entries of each
   * one's subtree, issued and visited, by path; with the children's count and sums.
   */
  async countsByChild(rootId: number, campaignId: number, page: PageWindow & SortParams<InvestigationSort>): Promise<InvestigationCountsPage> {
    const rows = await this.countRows(rootId, campaignId, page);
    // a page past the last has no rows to carry the count and sums: the first row of the first page does
    const first = rows[0] ?? (page.offset > 0 ? (await this.countRows(rootId, campaignId, { pageSize: 1, offset: 0 }))[0] : undefined);
    return {
      rows: rows.map(({ unitId, unitName, employersIssued, employersInvestigated, peopleIssued, peopleInvestigated }) => ({
        unitId,
        unitName,
        employersIssued,
        employersInvestigated,
        peopleIssued,
        peopleInvestigated,
      })),
      total: first?.n ?? 0,
      sum: {
        employersIssued: first?.se ?? 0,
        employersInvestigated: first?.sei ?? 0,
        peopleIssued: first?.sp ?? 0,
        peopleInvestigated: first?.spi ?? 0,
      },
    };
  }

  /** The page's rows, each with the children's count (n) and the four sums over all children (se, sei, sp, spi). */
  private countRows(rootId: number, campaignId: number, page: PageWindow & SortParams<InvestigationSort>) {
    return queryRows<InvestigationCounts & { n: number; se: number; sei: number; sp: number; spi: number }>(
      this.dataSource,
      `WITH kids AS (
         SELECT id, name, path FROM org_unit_v WHERE parent_id = $1 AND active AND level <> 'agency'
         UNION ALL SELECT id, name, path FROM org_unit_v
          WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM org_unit_v WHERE parent_id = $1 AND active AND level <> 'agency')
       ), c AS (
       SELECT k.id AS "unitId", k.name AS "unitName", k.path,
              (SELECT count(*)::int FROM registry_employer e WHERE e.campaign_id = $2 AND e.org_unit_path LIKE k.path || '%') AS "employersIssued",
              (SELECT count(*)::int FROM registry_employer e WHERE e.campaign_id = $2 AND e.org_unit_path LIKE k.path || '%' AND e.visit_count > 0) AS "employersInvestigated",
              (SELECT count(*)::int FROM registry_person p WHERE p.campaign_id = $2 AND p.org_unit_path LIKE k.path || '%') AS "peopleIssued",
              (SELECT count(*)::int FROM registry_person p WHERE p.campaign_id = $2 AND p.org_unit_path LIKE k.path || '%' AND p.visit_count > 0) AS "peopleInvestigated"
         FROM kids k)
       SELECT c."unitId", c."unitName", c."employersIssued", c."employersInvestigated", c."peopleIssued", c."peopleInvestigated",
              count(*) OVER ()::int AS n, (sum(c."employersIssued") OVER ())::int AS se, (sum(c."employersInvestigated") OVER ())::int AS sei,
              (sum(c."peopleIssued") OVER ())::int AS sp, (sum(c."peopleInvestigated") OVER ())::int AS spi
         FROM c ${orderBySql(page, INVESTIGATION_ORDER, TREE_ORDER)} LIMIT $3 OFFSET $4`,
      [rootId, campaignId, page.pageSize, page.offset],
    );
  }

  /** A unit's name (the investigation table's title names the unit whose children it lists). */
  async unitName(unitId: number): Promise<string | null> {
    const [row] = await queryRows<{ name: string }>(this.dataSource, `SELECT name FROM org_unit_v WHERE id = $1`, [unitId]);
    return row?.name ?? null;
  }

  /**
   * One page of the campaign's employers in the scope with at least `threshold` uninsured staff, sorted (most uninsured
   * first when no sort is asked), with unit name and the total count.
   */
  async onsiteEmployers(
    campaignId: number,
    threshold: number,
    scope: Scope,
    page: PageWindow & SortParams<OnsiteSort>,
  ): Promise<{ rows: OnsiteEmployerRow[]; total: number }> {
    const rows = await queryRows<OnsiteEmployerRow & { total: number }>(
      this.dataSource,
      `SELECT e.id::text, e.uscc, e.name, o.name AS "unitName", e.uninsured_count AS "uninsuredCount", e.onsite_visit_count > 0 AS "onsiteVisited", e.status,
              count(*) OVER ()::int AS total
         FROM registry_employer e JOIN org_unit_v o ON o.id = e.org_unit_id
        WHERE e.campaign_id = $1 AND e.uninsured_count >= $2 AND ${scopeSql('e.org_unit_path', 3)}
        ${orderBySql(page, ONSITE_ORDER, 'e.uninsured_count DESC, e.id')} LIMIT $4 OFFSET $5`,
      [campaignId, threshold, scopeParam(scope), page.pageSize, page.offset],
    );
    if (!rows.length && page.offset > 0)
      return { rows: [], total: (await this.onsiteEmployers(campaignId, threshold, scope, { pageSize: 1, offset: 0 })).total };
    return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
  }
}
