import { Queryable, queryOne, queryRows, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';

/** A notice_template row with the unit it belongs to (the root's for org_unit_id NULL). */
export interface TemplateRow {
  id: number;
  kind: string;
  name: string;
  body: string;
  variables: string[];
  unit_id: number | null;
  unit_name: string | null;
  unit_path: string;
  updated_at: Date;
}

/**
 * A template with the unit it belongs to: org_unit_id NULL is the root's template (the migration's
 * and every one saved at the root), whose path '/' is a prefix of every unit's path.
 */
const TEMPLATE_SELECT = `
  SELECT t.id, t.kind, t.name, t.body, t.variables, t.updated_at,
         coalesce(t.org_unit_id, root.id) AS unit_id, coalesce(o.name, root.name) AS unit_name, coalesce(o.path, '/') AS unit_path
    FROM notice_template t
    LEFT JOIN org_unit_v o ON o.id = t.org_unit_id
    LEFT JOIN org_unit_v root ON root.parent_id IS NULL`;

/** The nearest template of a kind up the tree from a unit's path (its own, else its parent's ... else the root's). */
const NEAREST = `${TEMPLATE_SELECT} WHERE t.kind = $1 AND $2 LIKE coalesce(o.path, '/') || '%' ORDER BY length(coalesce(o.path, '/')) DESC LIMIT 1`;

/** Templates a scope $1 sees: its subtree's and its ancestors' (the whole tree: all). */
const LIST_WHERE = `WHERE ${scopeSql(`coalesce(o.path, '/')`, 1)} OR $1 LIKE coalesce(o.path, '/') || '%'`;

/** Every statement on notice_template (org_unit is only read, to place templates in the tree). */
@Injectable()
export class NoticeTemplateRepository {
  /** The nearest template of the kind up the tree from the unit path, or undefined. */
  async nearest(db: Queryable, kind: string, unitPath: string): Promise<TemplateRow | undefined> {
    return queryOne<TemplateRow>(db, NEAREST, [kind, unitPath]);
  }

  /** For each round, the body of the nearest template of its kind up the tree from its unit. */
  async bodiesForRounds(db: Queryable, roundIds: number[]): Promise<{ round_id: number; body: string }[]> {
    return queryRows(
      db,
      `SELECT DISTINCT ON (r.id) r.id AS round_id, t.body
         FROM reminder_round r
         JOIN org_unit_v ru ON ru.id = r.org_unit_id
         JOIN notice_template t ON t.kind = r.template_kind
         LEFT JOIN org_unit_v o ON o.id = t.org_unit_id
        WHERE r.id = ANY($1::int[]) AND ru.path LIKE coalesce(o.path, '/') || '%'
        ORDER BY r.id, length(coalesce(o.path, '/')) DESC`,
      [roundIds],
    );
  }

  /** One page of the templates a scope sees, by kind and from the root down. */
  async page(db: Queryable, scope: Scope, offset: number, limit: number): Promise<TemplateRow[]> {
    return queryRows<TemplateRow>(
      db,
      `${TEMPLATE_SELECT} ${LIST_WHERE} ORDER BY t.kind, length(coalesce(o.path, '/')), coalesce(o.path, '/') OFFSET $2 LIMIT $3`,
      [scopeParam(scope), offset, limit],
    );
  }

  /** How many templates page() pages through. */
  async count(db: Queryable, scope: Scope): Promise<number> {
    const row = await queryOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM notice_template t LEFT JOIN org_unit_v o ON o.id = t.org_unit_id ${LIST_WHERE}`,
      [scopeParam(scope)],
    );
    return row!.n;
  }

  /** The unit's own template of the kind (ownerId null: the root's), locked, or undefined. */
  async lockOwn(m: Queryable, kind: string, ownerId: number | null): Promise<TemplateRow | undefined> {
    return queryOne<TemplateRow>(m, `${TEMPLATE_SELECT} WHERE t.kind = $1 AND t.org_unit_id IS NOT DISTINCT FROM $2::int FOR UPDATE OF t`, [kind, ownerId]);
  }

  /** The id of the unit's template of the kind, created or replaced. */
  async upsert(m: Queryable, t: { kind: string; ownerId: number | null; name: string; body: string; variables: string[]; userId: number }): Promise<number> {
    const row = await queryOne<{ id: number }>(
      m,
      `INSERT INTO notice_template (kind, org_unit_id, name, body, variables, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (org_unit_id, kind) DO UPDATE SET name = EXCLUDED.name, body = EXCLUDED.body, variables = EXCLUDED.variables, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING id`,
      [t.kind, t.ownerId, t.name, t.body, t.variables, t.userId],
    );
    return row!.id;
  }

  /** The template, or undefined. */
  async byId(m: Queryable, id: number): Promise<TemplateRow | undefined> {
    return queryOne<TemplateRow>(m, `${TEMPLATE_SELECT} WHERE t.id = $1`, [id]);
  }
}
