import { queryOne, Queryable, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EntryKind } from '../registry.types';
import { TABLE } from './entry.repository';

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
  /** the Idempotency-Key it was posted under, if any (unique per visitor) */
  clientKey: string | null;
}

/** The table registry_visit. */
@Injectable()
export class VisitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts a visit of a person or an employer; answers it, or undefined when the visitor already has a visit under
   * that client key (it stays as it is: see byClientKey).
   */
  async insert(m: EntityManager, kind: EntryKind, v: NewVisit): Promise<VisitRow | undefined> {
    return queryOne<VisitRow>(
      m,
      `INSERT INTO registry_visit (campaign_id, ${kind}_id, org_unit_path, visitor_id, visited_at, method, outcome, proof_reference, ineligible_reason, note, client_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (visitor_id, client_key) WHERE client_key IS NOT NULL DO NOTHING
       RETURNING ${VISIT_COLS}`,
      [v.campaignId, v.entryId, v.orgUnitPath, v.visitorId, v.visitedAt, v.method, v.outcome, v.proofReference, v.ineligibleReason, v.note, v.clientKey],
    );
  }

  /** The visitor's visit posted under that Idempotency-Key, of any entry; undefined if none. */
  async byClientKey(m: EntityManager, visitorId: number, clientKey: string): Promise<VisitRow | undefined> {
    return queryOne<VisitRow>(m, `SELECT ${VISIT_COLS} FROM registry_visit WHERE visitor_id = $1 AND client_key = $2`, [visitorId, clientKey]);
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

  /** The employers' visits with the visitor's name (joins org's view org_user_v), newest first (RegistryReader). */
  employerVisits(
    db: Queryable | EntityManager,
    employerIds: number[],
  ): Promise<{ employerId: number; visitedAt: Date; method: string; outcome: string; note: string | null; visitor: string | null }[]> {
    return queryRows(
      db,
      `SELECT v.employer_id::int AS "employerId", v.visited_at AS "visitedAt", v.method, v.outcome, v.note, u.display_name AS visitor
         FROM registry_visit v LEFT JOIN org_user_v u ON u.id = v.visitor_id WHERE v.employer_id = ANY($1::bigint[]) ORDER BY v.visited_at DESC, v.id DESC`,
      [employerIds],
    );
  }

  // the demo's visits (demo/demo-registry.ts)

  /**
   * Visits every `every`-th-but-one entry of the campaign (its cadre, an outcome of `outcomes` and a method by id, a day of
   * February 2026) and counts them on the entry.
   */
  async insertDemoVisits(m: EntityManager, kind: EntryKind, campaignId: number, every: number, outcomes: readonly string[]): Promise<void> {
    const table = TABLE[kind];
    const fk = `${kind}_id`;
    await m.query(
      `WITH v AS (
         SELECT e.id, e.campaign_id, e.org_unit_path, e.cadre_id,
                (ARRAY[${outcomes.map((o) => `'${o}'`).join(',')}])[1 + (e.id % ${outcomes.length})] AS outcome,
                (ARRAY['door_to_door','phone','wechat'])[1 + (e.id % 3)] AS method,
                timestamptz '2026-02-01 10:00+08' + (e.id % 28) * interval '1 day' AS at
           FROM ${table} e WHERE e.campaign_id = $1 AND e.id % ${every} <> 0
       ), ins AS (
         INSERT INTO registry_visit (campaign_id, ${fk}, org_unit_path, visitor_id, visited_at, method, outcome, proof_reference, ineligible_reason, note)
         SELECT campaign_id, id, org_unit_path, cadre_id, at, method, outcome,
                CASE WHEN outcome = 'insured_elsewhere' THEN '外地参保证明' END, CASE WHEN outcome = 'not_eligible' THEN '现役军人' END, '演示走访记录'
           FROM v RETURNING ${fk} AS id, visited_at, method, outcome
       )
       UPDATE ${table} t SET visit_count = t.visit_count + 1, status = ins.outcome, last_outcome = ins.outcome, last_visit_at = ins.visited_at
              ${table === 'registry_employer' ? `, refusal_count = refusal_count + (ins.outcome = 'refused')::int, onsite_visit_count = onsite_visit_count + (ins.method = 'door_to_door')::int` : ''}
         FROM ins WHERE t.id = ins.id`,
      [campaignId],
    );
  }

  /** A door-to-door refusal of the employer by its cadre at 10:00 Beijing time `daysBefore` days before `lastOn`. */
  async insertDemoRefusal(m: EntityManager, employerId: string, lastOn: string, daysBefore: number, note: string): Promise<void> {
    await m.query(
      `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome, note)
         SELECT campaign_id, id, org_unit_path, cadre_id, ($2::date - $3::int + time '10:00') AT TIME ZONE 'Asia/Shanghai', 'door_to_door', 'refused', $4
           FROM registry_employer WHERE id = $1`,
      [employerId, lastOn, daysBefore, note],
    );
  }
}
