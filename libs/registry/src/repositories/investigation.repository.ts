import { queryRows, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A child unit's investigation counts (before the rates). */
export interface InvestigationCounts {
  unitId: number;
  unitName: string;
  employersIssued: number;
  employersInvestigated: number;
  peopleIssued: number;
  peopleInvestigated: number;
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

/** Investigation read model over the entry tables, per unit of org's tree (its view org_unit_v). */
@Injectable()
export class InvestigationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row per active child of the unit (or the unit itself if it has none): the campaign's entries of its subtree, issued and visited, by path. */
  async countsByChild(rootId: number, campaignId: number): Promise<InvestigationCounts[]> {
    return queryRows<InvestigationCounts>(
      this.dataSource,
      `WITH kids AS (
         SELECT id, name, path FROM org_unit_v WHERE parent_id = $1 AND active
         UNION ALL SELECT id, name, path FROM org_unit_v WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM org_unit_v WHERE parent_id = $1 AND active)
       )
       SELECT k.id AS "unitId", k.name AS "unitName",
              (SELECT count(*)::int FROM registry_employer e WHERE e.campaign_id = $2 AND e.org_unit_path LIKE k.path || '%') AS "employersIssued",
              (SELECT count(*)::int FROM registry_employer e WHERE e.campaign_id = $2 AND e.org_unit_path LIKE k.path || '%' AND e.visit_count > 0) AS "employersInvestigated",
              (SELECT count(*)::int FROM registry_person p WHERE p.campaign_id = $2 AND p.org_unit_path LIKE k.path || '%') AS "peopleIssued",
              (SELECT count(*)::int FROM registry_person p WHERE p.campaign_id = $2 AND p.org_unit_path LIKE k.path || '%' AND p.visit_count > 0) AS "peopleInvestigated"
         FROM kids k ORDER BY k.path`,
      [rootId, campaignId],
    );
  }

  /** The campaign's employers in the scope with at least `threshold` uninsured staff, most uninsured first (at most 5000), with unit name. */
  async onsiteEmployers(campaignId: number, threshold: number, scope: Scope): Promise<OnsiteEmployerRow[]> {
    return queryRows<OnsiteEmployerRow>(
      this.dataSource,
      `SELECT e.id::text, e.uscc, e.name, o.name AS "unitName", e.uninsured_count AS "uninsuredCount", e.onsite_visit_count > 0 AS "onsiteVisited", e.status
         FROM registry_employer e JOIN org_unit_v o ON o.id = e.org_unit_id
        WHERE e.campaign_id = $1 AND e.uninsured_count >= $2 AND ${scopeSql('e.org_unit_path', 3)}
        ORDER BY e.uninsured_count DESC, e.id LIMIT 5000`,
      [campaignId, threshold, scopeParam(scope)],
    );
  }
}
