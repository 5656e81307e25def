import { queryOne, Queryable, queryRows, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EntryKind } from '../registry.types';
import { TABLE } from './entry.repository';

/** Which entries an assignment touches: listed ids and/or filters, in the caller's scope and within every one of `under` (path prefixes). */
export interface Selection {
  ids?: string[];
  scope: Scope;
  under: string[];
  status?: string;
  group?: string;
  unassigned?: boolean;
}

/** A change of cadre in an entry's history. */
export interface AssignmentHistoryRow {
  id: string;
  fromCadreId: number | null;
  toCadreId: number | null;
  mode: string;
  assignedBy: number | null;
  assignedAt: Date;
}

/** An active cadre at or below a unit, with how many entries they hold. */
export interface CadreRow {
  id: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  unitName: string;
  people: number;
  employers: number;
}

/** Who assigns, when, and how (the history row's mode). */
export interface AssignMeta {
  by: number;
  at: Date;
  mode: string;
}

/** Numbered parameters and the WHERE of a selection (`e` is the entry alias). */
class Statement {
  readonly params: unknown[] = [];
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  where(sel: Selection): string {
    const where: string[] = [];
    if (sel.ids) where.push(`e.id = ANY(${this.p(sel.ids)}::bigint[])`);
    this.params.push(scopeParam(sel.scope));
    where.push(scopeSql('e.org_unit_path', this.params.length));
    for (const path of sel.under) where.push(`e.org_unit_path LIKE ${this.p(path)} || '%'`);
    if (sel.status) where.push(`e.status = ${this.p(sel.status)}`);
    if (sel.group) where.push(`e.source_group = ${this.p(sel.group)}`);
    if (sel.unassigned) where.push('e.cadre_id IS NULL');
    return where.join(' AND ');
  }
}

/**
 * The entries' cadre (cadre_id, assigned_at on registry_person / registry_employer) and its history table
 * registry_assignment, written together: each change of cadre writes a history row in the same statement.
 */
@Injectable()
export class AssignmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The listed entries that exist, with their unit paths. */
  async places(m: EntityManager, kind: EntryKind, ids: string[]): Promise<{ id: string; org_unit_path: string }[]> {
    return queryRows(m, `SELECT id::text, org_unit_path FROM ${TABLE[kind]} WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** The selected entries, in id order, locked FOR UPDATE, with their current cadre. */
  async lockSelected(m: EntityManager, kind: EntryKind, sel: Selection): Promise<{ id: string; cadre_id: number | null }[]> {
    const s = new Statement();
    return queryRows(m, `SELECT e.id::text, e.cadre_id FROM ${TABLE[kind]} e WHERE ${s.where(sel)} ORDER BY e.id FOR UPDATE`, s.params);
  }

  /** Each cadre's count of entries outside `ids` (cadres holding none are absent). */
  async loadsOutside(m: EntityManager, kind: EntryKind, cadres: number[], ids: string[]): Promise<{ cadre_id: number; n: number }[]> {
    return queryRows(
      m,
      `SELECT cadre_id, count(*)::int AS n FROM ${TABLE[kind]} WHERE cadre_id = ANY($1::int[]) AND NOT (id = ANY($2::bigint[])) GROUP BY cadre_id`,
      [cadres, ids],
    );
  }

  /** How many of the listed entries are filed under `path`. */
  async countUnder(m: EntityManager, kind: EntryKind, ids: string[], path: string): Promise<number> {
    const row = await queryOne<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM ${TABLE[kind]} WHERE id = ANY($1::bigint[]) AND org_unit_path LIKE $2 || '%'`,
      [ids, path],
    );
    return row!.n;
  }

  /** Gives entry ids[k] to cadres[k] (those of them still selected); answers how many changed cadre (each with a history row). */
  async assignEach(m: EntityManager, kind: EntryKind, sel: Selection, ids: string[], cadres: number[], meta: AssignMeta): Promise<number> {
    const s = new Statement();
    const head = `WITH sel AS (
                 SELECT e.id, e.cadre_id AS old, s.cadre FROM unnest(${s.p(ids)}::bigint[], ${s.p(cadres)}::int[]) AS s(id, cadre)
                   JOIN ${TABLE[kind]} e ON e.id = s.id WHERE ${s.where(sel)})`;
    return this.write(m, kind, s, head, meta);
  }

  /** Gives every selected entry (locked FOR UPDATE) to one cadre; answers how many changed cadre (each with a history row). */
  async assignAll(m: EntityManager, kind: EntryKind, sel: Selection, cadreId: number, meta: AssignMeta): Promise<number> {
    const s = new Statement();
    const where = s.where(sel);
    const head = `WITH sel AS (SELECT e.id, e.cadre_id AS old, ${s.p(cadreId)}::int AS cadre FROM ${TABLE[kind]} e WHERE ${where} FOR UPDATE)`;
    return this.write(m, kind, s, head, meta);
  }

  /** The update of the entries in `sel` (the CTE `head`) whose cadre changes, and their history rows; answers how many. */
  private async write(m: EntityManager, kind: EntryKind, s: Statement, head: string, meta: AssignMeta): Promise<number> {
    const fk = kind === 'person' ? 'person_id' : 'employer_id';
    const by = s.p(meta.by);
    const at = s.p(meta.at);
    const mode = s.p(meta.mode);
    const rows = await queryRows(
      m,
      `${head}, upd AS (
                UPDATE ${TABLE[kind]} t SET cadre_id = sel.cadre, assigned_at = ${at}, updated_at = ${at} FROM sel
                 WHERE t.id = sel.id AND sel.old IS DISTINCT FROM sel.cadre RETURNING t.id, sel.old, sel.cadre)
              INSERT INTO registry_assignment (${fk}, from_cadre_id, to_cadre_id, mode, assigned_by, assigned_at)
              SELECT id, old, cadre, ${mode}, ${by}, ${at} FROM upd RETURNING 1`,
      s.params,
    );
    return rows.length;
  }

  /** An entry's assignment history, oldest first. */
  async history(kind: EntryKind, id: string): Promise<AssignmentHistoryRow[]> {
    return queryRows<AssignmentHistoryRow>(
      this.dataSource,
      `SELECT a.id::text, a.from_cadre_id AS "fromCadreId", a.to_cadre_id AS "toCadreId", a.mode, a.assigned_by AS "assignedBy", a.assigned_at AS "assignedAt"
         FROM registry_assignment a WHERE a.${kind}_id = $1 ORDER BY a.assigned_at, a.id`,
      [id],
    );
  }

  /**
   * The active cadres of active units under `path` (the unit itself included), by unit path and name, with the people
   * and employers each holds (of one campaign, or all); joins org's views org_user_v and org_unit_v.
   */
  cadresUnder(db: Queryable, path: string, campaignId: number | null): Promise<CadreRow[]> {
    return queryRows<CadreRow>(
      db,
      `SELECT u.id, u.username, u.display_name AS "displayName", u.org_unit_id AS "orgUnitId", o.name AS "unitName",
              (SELECT count(*)::int FROM registry_person p WHERE p.cadre_id = u.id AND ($2::int IS NULL OR p.campaign_id = $2)) AS people,
              (SELECT count(*)::int FROM registry_employer e WHERE e.cadre_id = u.id AND ($2::int IS NULL OR e.campaign_id = $2)) AS employers
         FROM org_user_v u JOIN org_unit_v o ON o.id = u.org_unit_id
        WHERE u.active AND 'cadre' = ANY(u.roles) AND o.active AND o.path LIKE $1 || '%'
        ORDER BY o.path, u.display_name, u.id`,
      [path, campaignId],
    );
  }

  /** The demo's assignment: each unit's unassigned entries of the campaign spread evenly over its active cadres, with history rows. */
  async assignDemoEvenly(m: EntityManager, kind: EntryKind, campaignId: number): Promise<void> {
    const table = TABLE[kind];
    const fk = `${kind}_id`;
    await m.query(
      `WITH c AS (SELECT id, org_unit_id, row_number() OVER (PARTITION BY org_unit_id ORDER BY id) - 1 AS k, count(*) OVER (PARTITION BY org_unit_id) AS n
                    FROM org_user_v WHERE active AND 'cadre' = ANY(roles)),
            e AS (SELECT id, org_unit_id, row_number() OVER (PARTITION BY org_unit_id ORDER BY id) - 1 AS k FROM ${table} WHERE campaign_id = $1 AND cadre_id IS NULL),
            sel AS (SELECT e.id, c.id AS cadre FROM e JOIN c ON c.org_unit_id = e.org_unit_id AND c.k = e.k % c.n),
            upd AS (UPDATE ${table} t SET cadre_id = sel.cadre, assigned_at = now() FROM sel WHERE t.id = sel.id RETURNING t.id, sel.cadre)
       INSERT INTO registry_assignment (${fk}, to_cadre_id, mode, assigned_at) SELECT id, cadre, 'even', now() FROM upd`,
      [campaignId],
    );
  }
}
