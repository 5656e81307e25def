import { orderBySql, Queryable, queryAffected, queryOne, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import type { InspectionListSort, ListEntrySort } from '../dto/inspection-list.dto';
import { Injectable } from '@nestjs/common';

export interface InspectionListRow {
  id: number;
  campaignId: number;
  cutoffDate: string;
  cutoffAt: Date;
  status: 'compiled' | 'dispatched';
  compiledAt: Date;
  dispatchedAt: Date | null;
  entryCount: number;
  removedCount: number;
  departments: { id: number; name: string }[];
  /** the path of the campaign's unit (who may review the list; not answered) */
  campaignUnitPath: string;
}

export interface ListEntryRow {
  id: number;
  employerId: number;
  uscc: string;
  name: string;
  address: string | null;
  districtName: string;
  townName: string | null;
  uninsuredCount: number;
  refusalCount: number;
  lastVisitAt: Date | null;
  cadreName: string | null;
  removedAt: Date | null;
  removalReason: string | null;
}

/** Which entries of a list to show: kept or removed, under a unit path, matching a text, of a round. */
export interface EntryFilter {
  status: 'kept' | 'removed' | null;
  unitPath: string | null;
  search: string | null;
  round: number | null;
}

/** Who asks for lists: whether they see all, their unit's path and id. */
export interface ListViewer {
  seesAll: boolean;
  orgUnitPath: string;
  orgUnitId: number;
}

const LIST_SELECT = `
  SELECT l.id, l.campaign_id AS "campaignId", to_char(l.cutoff_date, 'YYYY-MM-DD') AS "cutoffDate", l.cutoff_at AS "cutoffAt", l.status,
         l.compiled_at AS "compiledAt", l.dispatched_at AS "dispatchedAt",
         (SELECT count(*)::int FROM inspection_list_entry e WHERE e.list_id = l.id AND e.removed_at IS NULL) AS "entryCount",
         (SELECT count(*)::int FROM inspection_list_entry e WHERE e.list_id = l.id AND e.removed_at IS NOT NULL) AS "removedCount",
         coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.id)
                     FROM inspection_list_department ld JOIN org_unit_v u ON u.id = ld.department_id WHERE ld.list_id = l.id), '[]') AS departments,
         (SELECT u.path FROM campaigns_campaign_v c JOIN org_unit_v u ON u.id = c.org_unit_id WHERE c.id = l.campaign_id) AS "campaignUnitPath"
    FROM inspection_list l`;
// The round of the month a cutoff date belongs to: the 10th, the 20th, else the 30th (or February's last day).
const roundOf = (date: string) => `(CASE extract(day FROM ${date})::int WHEN 10 THEN 10 WHEN 20 THEN 20 ELSE 30 END)`;
// $1 sees all, $2 the viewer's unit path, $3 the viewer's unit id, $4 campaign or null, $5 round or null
const VISIBLE_LISTS = `WHERE ($4::int IS NULL OR l.campaign_id = $4) AND ($5::int IS NULL OR ${roundOf('l.cutoff_date')} = $5)
      AND ($1 OR EXISTS (SELECT 1 FROM campaigns_campaign_v c JOIN org_unit_v u ON u.id = c.org_unit_id WHERE c.id = l.campaign_id AND u.path LIKE $2 || '%')
              OR EXISTS (SELECT 1 FROM inspection_list_department ld WHERE ld.list_id = l.id AND ld.department_id = $3))`;
const ENTRY_SELECT = `
  SELECT le.id::int, le.employer_id::int AS "employerId", e.uscc, e.name, e.address, d.name AS "districtName", t.name AS "townName",
         le.uninsured_count AS "uninsuredCount", le.refusal_count AS "refusalCount", le.last_visit_at AS "lastVisitAt",
         u.display_name AS "cadreName", le.removed_at AS "removedAt", le.removal_reason AS "removalReason"
    FROM inspection_list_entry le
    JOIN registry_employer_v e ON e.id = le.employer_id
    JOIN org_unit_v d ON d.id = le.district_id
    LEFT JOIN org_unit_v t ON t.id = le.town_id
    LEFT JOIN org_user_v u ON u.id = le.cadre_id
    JOIN cutoff_run r ON r.id = le.cutoff_run_id`;
// $1 list, $2 kept/removed or null, $3 unit path or null, $4 text pattern or null, $5 round or null
const ENTRY_WHERE = `
   WHERE le.list_id = $1
     AND ($2::text IS NULL OR ($2 = 'removed') = (le.removed_at IS NOT NULL))
     AND ($3::text IS NULL OR e.org_unit_path LIKE $3 || '%')
     AND ($4::text IS NULL OR e.name ILIKE $4 OR e.uscc ILIKE $4)
     AND ($5::int IS NULL OR ${roundOf('r.cutoff_date')} = $5)`;
const ENTRY_ORDER = 'd.path, le.uninsured_count DESC, le.id';
const ENTRY_SORT_COLUMNS: Record<ListEntrySort, string> = {
  name: 'e.name',
  districtName: 'd.name',
  townName: 't.name',
  uninsuredCount: 'le.uninsured_count',
  refusalCount: 'le.refusal_count',
  lastVisitAt: 'le.last_visit_at',
  removedAt: 'le.removed_at',
};
const LIST_SORT_COLUMNS: Record<InspectionListSort, string> = {
  cutoffDate: 'l.cutoff_at',
  status: 'l.status',
  entryCount: '"entryCount"',
  compiledAt: 'l.compiled_at',
  dispatchedAt: 'l.dispatched_at',
};

function entryParams(listId: number, f: EntryFilter): unknown[] {
  return [listId, f.status, f.unitPath, f.search ? `%${f.search}%` : null, f.round];
}

/** inspection_list with its entries (inspection_list_entry) and receiving departments (inspection_list_department). */
@Injectable()
export class InspectionListRepository {
  /** One list with its counts and departments, or undefined. */
  byId(db: Queryable, id: number): Promise<InspectionListRow | undefined> {
    return queryOne(db, `${LIST_SELECT} WHERE l.id = $1`, [id]);
  }

  /** How many lists a viewer may see (of a campaign, of a round, if given). */
  async countVisible(db: Queryable, v: ListViewer, campaignId: number | null, round: number | null): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM inspection_list l ${VISIBLE_LISTS}`, [
      v.seesAll,
      v.orgUnitPath,
      v.orgUnitId,
      campaignId,
      round,
    ]);
    return row!.n;
  }

  /** One page of the same, in the asked order (default newest cutoff first). */
  pageVisible(
    db: Queryable,
    v: ListViewer,
    campaignId: number | null,
    round: number | null,
    sort: SortParams<InspectionListSort>,
    limit: number,
    offset: number,
  ): Promise<InspectionListRow[]> {
    const order = orderBySql(sort, LIST_SORT_COLUMNS, 'l.cutoff_at DESC, l.id DESC');
    return queryRows(db, `${LIST_SELECT} ${VISIBLE_LISTS} ${order} LIMIT $6 OFFSET $7`, [
      v.seesAll,
      v.orgUnitPath,
      v.orgUnitId,
      campaignId,
      round,
      limit,
      offset,
    ]);
  }

  /** The new list's id, or undefined when the campaign's cutoff has its list already. */
  async insertCompiled(db: Queryable, campaignId: number, cutoffDate: string, cutoffAt: Date, at: Date, by: number): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO inspection_list (campaign_id, cutoff_date, cutoff_at, status, compiled_at, compiled_by)
       VALUES ($1, $2, $3, 'compiled', $4, $5) ON CONFLICT (campaign_id, cutoff_at) DO NOTHING RETURNING id`,
      [campaignId, cutoffDate, cutoffAt, at, by],
    );
    return row?.id;
  }

  /** Demo: a list compiled and dispatched at the given instants; answers its id. */
  async insertDispatched(
    db: Queryable,
    campaignId: number,
    cutoffDate: string,
    cutoffAt: Date,
    compiledAt: Date,
    by: number | null,
    dispatchedAt: Date,
  ): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO inspection_list (campaign_id, cutoff_date, cutoff_at, status, compiled_at, compiled_by, dispatched_at, dispatched_by)
       VALUES ($1, $2, $3, 'dispatched', $4, $5, $6, $5) RETURNING id`,
      [campaignId, cutoffDate, cutoffAt, compiledAt, by, dispatchedAt],
    );
    return row!.id;
  }

  /** The id of the list of a campaign's cutoff instant. */
  async idAt(db: Queryable, campaignId: number, cutoffAt: Date): Promise<number> {
    const row = await queryOne<{ id: number }>(db, `SELECT id FROM inspection_list WHERE campaign_id = $1 AND cutoff_at = $2`, [campaignId, cutoffAt]);
    return row!.id;
  }

  /**
   * Lists the cutoff's submitted employers in the scope, one entry per employer, skipping employers in
   * an open case; answers how many were listed.
   */
  async listSubmissions(db: Queryable, listId: number, campaignId: number, cutoffAt: Date, scope: Scope): Promise<number> {
    const rows = await queryRows(
      db,
      `INSERT INTO inspection_list_entry (list_id, employer_id, cutoff_run_id, district_id, town_id, uninsured_count, refusal_count, last_visit_at, cadre_id)
       SELECT DISTINCT ON (s.employer_id) $1, s.employer_id, r.id, r.district_id, s.town_id, s.uninsured_count, s.refusal_count, s.last_visit_at, s.cadre_id
         FROM cutoff_submission_entry s JOIN cutoff_run r ON r.id = s.cutoff_run_id
         JOIN registry_employer_v e ON e.id = s.employer_id
        WHERE r.campaign_id = $2 AND r.cutoff_at = $3
          AND ${scopeSql('e.org_unit_path', 4)}
          AND NOT EXISTS (SELECT 1 FROM inspection_case c WHERE c.employer_id = s.employer_id AND c.status = 'open')
        ORDER BY s.employer_id, r.id
       RETURNING 1`,
      [listId, campaignId, cutoffAt, scopeParam(scope)],
    );
    return rows.length;
  }

  /** Every entry of a list (removed ones too), by district path, uninsured headcount (most first), id. */
  entries(db: Queryable, listId: number): Promise<ListEntryRow[]> {
    return queryRows(db, `${ENTRY_SELECT} WHERE le.list_id = $1 ORDER BY ${ENTRY_ORDER}`, [listId]);
  }

  /** One entry of a list, or undefined. */
  entryRow(db: Queryable, listId: number, entryId: number): Promise<ListEntryRow | undefined> {
    return queryOne(db, `${ENTRY_SELECT} WHERE le.list_id = $1 AND le.id = $2`, [listId, entryId]);
  }

  /** One page of the entries matching the filter, in the asked order (default that of `entries`). */
  entryPage(db: Queryable, listId: number, f: EntryFilter, sort: SortParams<ListEntrySort>, limit: number, offset: number): Promise<ListEntryRow[]> {
    const order = orderBySql(sort, ENTRY_SORT_COLUMNS, ENTRY_ORDER);
    return queryRows(db, `${ENTRY_SELECT} ${ENTRY_WHERE} ${order} LIMIT $6 OFFSET $7`, [...entryParams(listId, f), limit, offset]);
  }

  /** How many entries match the filter (removed ones too unless filtered). */
  async countEntries(db: Queryable, listId: number, f: EntryFilter): Promise<number> {
    const row = await queryOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM inspection_list_entry le JOIN registry_employer_v e ON e.id = le.employer_id
         JOIN cutoff_run r ON r.id = le.cutoff_run_id ${ENTRY_WHERE}`,
      entryParams(listId, f),
    );
    return row!.n;
  }

  /** The list's status, the row locked until the transaction ends. */
  async lockStatus(db: Queryable, listId: number): Promise<string> {
    const row = await queryOne<{ status: string }>(db, `SELECT status FROM inspection_list WHERE id = $1 FOR UPDATE`, [listId]);
    return row!.status;
  }

  /** An entry of the list with when it was removed, or undefined. */
  entry(db: Queryable, listId: number, entryId: number): Promise<{ id: number; removed_at: Date | null } | undefined> {
    return queryOne(db, `SELECT id, removed_at FROM inspection_list_entry WHERE id = $1 AND list_id = $2`, [entryId, listId]);
  }

  /** Marks an entry removed with who, when and why; answers the rows changed. */
  removeEntry(db: Queryable, entryId: number, at: Date, by: number, reason: string): Promise<number> {
    return queryAffected(db, `UPDATE inspection_list_entry SET removed_at = $2, removed_by = $3, removal_reason = $4 WHERE id = $1`, [entryId, at, by, reason]);
  }

  /** Marks a compiled list dispatched; answers false when it was dispatched already. */
  async claimDispatch(db: Queryable, listId: number, at: Date, by: number): Promise<boolean> {
    const rows = await queryRows(
      db,
      `UPDATE inspection_list SET status = 'dispatched', dispatched_at = $2, dispatched_by = $3 WHERE id = $1 AND status = 'compiled' RETURNING id`,
      [listId, at, by],
    );
    return rows.length > 0;
  }

  /** Records a receiving department of the list (nothing answered). */
  async addDepartment(db: Queryable, listId: number, departmentId: number): Promise<void> {
    await queryRows(db, `INSERT INTO inspection_list_department (list_id, department_id) VALUES ($1, $2)`, [listId, departmentId]);
  }
}
