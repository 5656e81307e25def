import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope, scopeParam, scopeSql } from '../auth/scope';
import { queryRows } from '../database/sql';
import { orderBySql, SortParams } from '../http/sorting';

/** A row of audit_log (append-only: a trigger refuses updates and deletes). */
export interface AuditLogEntry {
  /** bigint, as text. */
  id: string;
  at: Date;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  entity: string;
  entityId: string;
  orgUnitPath: string | null;
  ip: string | null;
  changes: Record<string, unknown> | null;
}

/** An audit row to insert (the table numbers it). */
export type NewAuditLogEntry = Omit<AuditLogEntry, 'id'>;

/** Filters of an audit log read: the caller's scope, exact values and Beijing days (from and to included). */
export interface AuditLogFilter {
  scope: Scope;
  entity?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
  sort?: SortParams<AuditSort>;
}

/** The audit log's sort keys (the API's AuditQuery takes them) and the columns they order by. */
export const AUDIT_SORTS = ['at', 'actorUsername', 'action', 'entity'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];
const AUDIT_ORDER: Record<AuditSort, string> = { at: 'a.at', actorUsername: 'a.actor_username', action: 'a.action', entity: 'a.entity' };

// an entry as AuditLogEntry, in the order the API answers the fields
const ENTRY_COLUMNS = `a.id, a.at, a.actor_id AS "actorId", a.actor_username AS "actorUsername", a.action, a.entity, a.entity_id AS "entityId",
  a.org_unit_path AS "orgUnitPath", a.ip, a.changes`;

// the entries in a scope ($1) with the given entity, entity id, action and actor ($2 to $5, null for any),
// at or after the start of Beijing day $6 and before the end of Beijing day $7 (null for no bound)
const PAGE_FROM = `FROM audit_log a
  WHERE ${scopeSql('a.org_unit_path', 1)} AND ($2::text IS NULL OR a.entity = $2::text) AND ($3::text IS NULL OR a.entity_id = $3::text)
    AND ($4::text IS NULL OR a.action = $4::text) AND ($5::text IS NULL OR a.actor_username = $5::text)
    AND ($6::date IS NULL OR a.at >= $6::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    AND ($7::date IS NULL OR a.at < ($7::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** Every statement on audit_log. */
@Injectable()
export class AuditLogRepository {
  /** Inserts audit rows in one statement, in order. */
  async insertMany(m: EntityManager, rows: NewAuditLogEntry[]): Promise<void> {
    await m.query(
      `INSERT INTO audit_log (at, actor_id, actor_username, action, entity, entity_id, org_unit_path, ip, changes)
       SELECT * FROM unnest($1::timestamptz[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
      [
        rows.map((r) => r.at),
        rows.map((r) => r.actorId),
        rows.map((r) => r.actorUsername),
        rows.map((r) => r.action),
        rows.map((r) => r.entity),
        rows.map((r) => r.entityId),
        rows.map((r) => r.orgUnitPath),
        rows.map((r) => r.ip),
        rows.map((r) => (r.changes === null ? null : JSON.stringify(r.changes))),
      ],
    );
  }

  /** A page of entries in the asked order (newest first by default), with the total. */
  async page(m: EntityManager, f: AuditLogFilter): Promise<[AuditLogEntry[], number]> {
    const filter = [scopeParam(f.scope), f.entity || null, f.entityId || null, f.action || null, f.actor || null, f.from || null, f.to || null];
    const items = await queryRows<AuditLogEntry>(
      m,
      `SELECT ${ENTRY_COLUMNS} ${PAGE_FROM} ${orderBySql(f.sort ?? {}, AUDIT_ORDER, 'a.id DESC')} LIMIT $8 OFFSET $9`,
      [...filter, f.limit, f.offset],
    );
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n ${PAGE_FROM}`, filter);
    return [items, n];
  }
}
