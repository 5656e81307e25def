import { queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EntryKind } from '../registry.types';

const VISIT_COLS = `id::text, visited_at AS "visitedAt", method, outcome`;

/** A visit as the record call answers it. */
export interface VisitRow {
  id: string;
  visitedAt: Date;
  method: string;
  outcome: string;
}

/** A visit in an entry's history. */
export interface VisitHistoryRow extends VisitRow {
  proofReference: string | null;
  ineligibleReason: string | null;
  note: string | null;
  visitorId: number | null;
  visitorName: string | null;
}

export interface NewVisit {
  campaignId: number;
  entryId: string;
  orgUnitPath: string;
  visitorId: number;
  visitedAt: Date;
  method: string;
  outcome: string;
  proofReference: string | null;
  ineligibleReason: string | null;
  note: string | null;
}

/** The table registry_visit. */
@Injectable()
export class VisitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a visit of a person or an employer; answers it. */
  async insert(m: EntityManager, kind: EntryKind, v: NewVisit): Promise<VisitRow> {
    const row = await queryOne<VisitRow>(
      m,
      `INSERT INTO registry_visit (campaign_id, ${kind}_id, org_unit_path, visitor_id, visited_at, method, outcome, proof_reference, ineligible_reason, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${VISIT_COLS}`,
      [v.campaignId, v.entryId, v.orgUnitPath, v.visitorId, v.visitedAt, v.method, v.outcome, v.proofReference, v.ineligibleReason, v.note],
    );
    return row!;
  }

  /** The first visit of the entry by that visitor with that outcome and method, visited strictly between `after` and `before`; undefined if none. */
  async sameVisit(
    m: EntityManager,
    kind: EntryKind,
    v: { entryId: string; visitorId: number; outcome: string; method: string; after: Date; before: Date },
  ): Promise<VisitRow | undefined> {
    return queryOne<VisitRow>(
      m,
      `SELECT ${VISIT_COLS} FROM registry_visit
        WHERE ${kind}_id = $1 AND visitor_id = $2 AND outcome = $3 AND method = $4 AND visited_at > $5 AND visited_at < $6
        ORDER BY id LIMIT 1`,
      [v.entryId, v.visitorId, v.outcome, v.method, v.after, v.before],
    );
  }

  /** An entry's visits, newest first, with the visitor's display name (joins org's view org_user_v). */
  async history(kind: EntryKind, id: string): Promise<VisitHistoryRow[]> {
    return queryRows<VisitHistoryRow>(
      this.dataSource,
      `SELECT v.id::text, v.visited_at AS "visitedAt", v.method, v.outcome, v.proof_reference AS "proofReference", v.ineligible_reason AS "ineligibleReason",
              v.note, v.visitor_id AS "visitorId", u.display_name AS "visitorName"
         FROM registry_visit v LEFT JOIN org_user_v u ON u.id = v.visitor_id
        WHERE v.${kind}_id = $1 ORDER BY v.visited_at DESC, v.id DESC`,
      [id],
    );
  }
}
