import { settingSql } from '#campaigns';
import { orderBySql, queryOne, Queryable, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EmployerSort, PersonSort } from '../dto/entry.dto';
import { EntryKind } from '../registry.types';
import { containsPattern, EntrySearch } from '../rules/entry-search';
import { ageSql, recommendationSql } from '../rules/recommendation';

export const TABLE: Record<EntryKind, string> = { person: 'registry_person', employer: 'registry_employer' };

/**
 * The campaign's reference date for ages (seed 001): settings registry.referenceDate, else the campaign's start.
 * Reads campaigns' view `campaigns_campaign_v` (through its settingSql fragment).
 */
const REF_DATE = `(SELECT coalesce(${settingSql('c', 'registry', 'referenceDate')}::date, c.starts_on) FROM campaigns_campaign_v c WHERE c.id = p.campaign_id)`;

/** The column behind each sort key of the people list; ties fall back to the id, so pages never overlap. */
/** Never visited counts as the oldest visit: a cadre's round (last visit ascending) starts from those. */
const LAST_VISIT = `COALESCE(p.last_visit_at, '-infinity'::timestamptz)`;

const PERSON_ORDER: Record<PersonSort, string> = {
  name: 'p.name',
  unitName: 'o.name',
  sourceGroup: 'p.source_group',
  status: 'p.status',
  age: `${ageSql('p', REF_DATE)}`,
  visitCount: 'p.visit_count',
  lastVisitAt: LAST_VISIT,
};

/** The column behind each sort key of the employer list. */
const EMPLOYER_ORDER: Record<EmployerSort, string> = {
  name: 'p.name',
  unitName: 'o.name',
  status: 'p.status',
  staffCount: 'p.staff_count',
  uninsuredCount: 'p.uninsured_count',
  refusalCount: 'p.refusal_count',
  visitCount: 'p.visit_count',
  lastVisitAt: LAST_VISIT,
};

/** SQL pieces for the filters every entry list shares; `p` is the entry alias. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  /** The placeholder ($n) of a new parameter. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(sql: string): this {
    this.parts.push(sql);
    return this;
  }
  /** Adds the scope predicate on a path column, the scope bound as a new parameter. */
  scope(column: string, scope: Scope): this {
    this.params.push(scopeParam(scope));
    return this.add(scopeSql(column, this.params.length));
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** The filters every entry list shares; `scope` is the caller's (or the unit asked for, already checked). */
export interface EntryFilter {
  scope: Scope;
  campaignId?: number;
  status?: string;
  /** A cadre's "my entries": their user id. */
  mineOf?: number;
  cadreId?: number;
  unassigned?: boolean;
  lastVisitBefore?: string;
  /** The search box, already read (rules/entry-search); never 'invalid' here. */
  search?: EntrySearch;
}

/** The column each kind of search matches, per table (a person has no USCC, an employer no ID number or phone). */
const SEARCH_COLUMN: Record<EntryKind, Partial<Record<EntrySearch['by'], string>>> = {
  person: { idNumber: 'p.id_number', phone: 'p.phone' },
  employer: { uscc: 'p.uscc' },
};

export interface PersonFilter extends EntryFilter {
  group?: string;
  recommendation?: string;
}

export interface EmployerFilter extends EntryFilter {
  minUninsured?: number;
  minRefusals?: number;
}

export interface PageWindow {
  pageSize: number;
  offset: number;
}

/** A person as lists and the detail read show it (snake_case columns); `total` on list rows only. */
export interface PersonRow {
  id: string;
  campaign_id: number;
  org_unit_id: number;
  unit_name: string;
  org_unit_path: string;
  id_number: string;
  name: string;
  sex: string;
  birth_date?: string;
  phone: string | null;
  address: string | null;
  source_group: string | null;
  current_scheme: string | null;
  insurance_status: string | null;
  employer_uscc?: string | null;
  employer_id: string | null;
  status: string;
  cadre_id: number | null;
  assigned_at?: Date | null;
  visit_count: number;
  last_visit_at: Date | null;
  last_outcome: string | null;
  age: number;
  recommendation: string;
  total?: string;
}

/** An employer row (every column, id as text) with its unit's name; `total` on list rows only. */
export type EmployerRow = Record<string, unknown> & { id: string; org_unit_path: string; total?: string };

/** Where an entry is filed: its unit path and campaign. */
export interface EntryPlace {
  org_unit_path: string;
  campaign_id: number;
}

/** An employer before an inspection enrols it. */
export interface EmployerBeforeEnrolment {
  campaign_id: number;
  org_unit_id: number;
  org_unit_path: string;
  status: string;
  uninsured_count: number;
}

/** The entry tables registry_person and registry_employer: lists, detail reads, the visit counters, enrolment. */
@Injectable()
export class EntryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private baseWhere(f: EntryFilter, kind: EntryKind): Where {
    const w = new Where();
    w.scope('p.org_unit_path', f.scope);
    if (f.campaignId) w.add(`p.campaign_id = ${w.param(f.campaignId)}`);
    if (f.status) w.add(`p.status = ${w.param(f.status)}`);
    if (f.mineOf !== undefined) w.add(`p.cadre_id = ${w.param(f.mineOf)}`);
    if (f.cadreId) w.add(`p.cadre_id = ${w.param(f.cadreId)}`);
    if (f.unassigned) w.add('p.cadre_id IS NULL');
    if (f.lastVisitBefore)
      w.add(`(p.last_visit_at IS NULL OR p.last_visit_at < (${w.param(f.lastVisitBefore)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    if (f.search) this.searchWhere(w, kind, f.search);
    return w;
  }

  /** An exact match on the searched column, else the name containing the text (LIKE wildcards in it taken literally). */
  private searchWhere(w: Where, kind: EntryKind, s: EntrySearch): void {
    if (s.by === 'invalid') throw new Error('an invalid search reached the repository');
    if (s.by === 'name') {
      w.add(`p.name LIKE ${w.param(containsPattern(s.value))}`);
      return;
    }
    const column = SEARCH_COLUMN[kind][s.by];
    w.add(column ? `${column} = ${w.param(s.value)}` : 'false');
  }

  /** One page of people matching the filter, sorted (by id when no sort is asked), with unit name, age, recommendation and the total count (joins org's view org_unit_v). */
  async listPeople(
    f: PersonFilter,
    page: PageWindow & SortParams<PersonSort>,
    m: EntityManager | DataSource = this.dataSource,
  ): Promise<{ rows: PersonRow[]; total: number }> {
    const w = this.baseWhere(f, 'person');
    if (f.group) w.add(`p.source_group = ${w.param(f.group)}`);
    if (f.recommendation) w.add(`${recommendationSql('p', REF_DATE)} = ${w.param(f.recommendation)}`);
    const rows = await queryRows<PersonRow>(
      m,
      `SELECT p.id::text, p.campaign_id, p.org_unit_id, o.name AS unit_name, p.org_unit_path, p.id_number, p.name, p.sex, p.phone, p.address, p.source_group,
              p.current_scheme, p.insurance_status, p.employer_id::text, p.status, p.cadre_id, p.visit_count, p.last_visit_at, p.last_outcome,
              ${ageSql('p', REF_DATE)} AS age, ${recommendationSql('p', REF_DATE)} AS recommendation, count(*) OVER () AS total
         FROM registry_person p JOIN org_unit_v o ON o.id = p.org_unit_id
         ${w.sql} ${orderBySql(page, PERSON_ORDER, 'p.id')} LIMIT ${Number(page.pageSize)} OFFSET ${Number(page.offset)}`,
      w.params,
    );
    return { rows, total: rows.length ? Number(rows[0].total) : await this.count('registry_person', w) };
  }

  /** One page of employers matching the filter, sorted (by id when no sort is asked), with unit name and the total count (joins org's view org_unit_v). */
  async listEmployers(f: EmployerFilter, page: PageWindow & SortParams<EmployerSort>): Promise<{ rows: EmployerRow[]; total: number }> {
    const w = this.baseWhere(f, 'employer');
    if (f.minUninsured !== undefined) w.add(`p.uninsured_count >= ${w.param(f.minUninsured)}`);
    if (f.minRefusals) w.add(`p.refusal_count >= ${w.param(f.minRefusals)}`);
    const rows = await queryRows<EmployerRow>(
      this.dataSource,
      `SELECT p.*, p.id::text AS id, o.name AS unit_name, count(*) OVER () AS total
         FROM registry_employer p JOIN org_unit_v o ON o.id = p.org_unit_id
         ${w.sql} ${orderBySql(page, EMPLOYER_ORDER, 'p.id')} LIMIT ${Number(page.pageSize)} OFFSET ${Number(page.offset)}`,
      w.params,
    );
    return { rows, total: rows.length ? Number(rows[0].total) : await this.count('registry_employer', w) };
  }

  /** How many entries match (for a page past the last). */
  private async count(table: string, w: Where): Promise<number> {
    const row = await queryOne<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM ${table} p ${w.sql}`, w.params);
    return row!.n;
  }

  /** A person's full record with unit name, age and recommendation; undefined if none. */
  async personDetail(m: EntityManager, id: string): Promise<PersonRow | undefined> {
    return queryOne<PersonRow>(
      m,
      `SELECT p.id::text, p.campaign_id, p.org_unit_id, o.name AS unit_name, p.org_unit_path, p.id_number, p.name, p.sex, p.birth_date::text, p.phone, p.address,
              p.source_group, p.current_scheme, p.insurance_status, p.employer_uscc, p.employer_id::text, p.status, p.cadre_id, p.assigned_at,
              p.visit_count, p.last_visit_at, p.last_outcome, ${ageSql('p', REF_DATE)} AS age, ${recommendationSql('p', REF_DATE)} AS recommendation
         FROM registry_person p JOIN org_unit_v o ON o.id = p.org_unit_id WHERE p.id = $1`,
      [id],
    );
  }

  /** An employer's full record with unit name; undefined if none. */
  async employerDetail(m: EntityManager, id: string): Promise<EmployerRow | undefined> {
    return queryOne<EmployerRow>(
      m,
      `SELECT p.*, p.id::text AS id, o.name AS unit_name FROM registry_employer p JOIN org_unit_v o ON o.id = p.org_unit_id WHERE p.id = $1`,
      [id],
    );
  }

  /** An entry's unit path and campaign (locked FOR UPDATE if `lock`); undefined if none. */
  async place(m: EntityManager | DataSource, kind: EntryKind, id: string, lock: boolean): Promise<EntryPlace | undefined> {
    return queryOne<EntryPlace>(m, `SELECT org_unit_path, campaign_id FROM ${TABLE[kind]} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  }

  /**
   * Counts a new visit on its entry: visits (and for an employer refusals and door-to-door visits); status, last
   * outcome and last visit follow it only if it is the latest by visit time. Answers nothing.
   */
  async countVisit(m: EntityManager, kind: EntryKind, v: { entryId: string; visitedAt: Date; outcome: string; method: string; now: Date }): Promise<void> {
    const employerCounters =
      kind === 'employer'
        ? `, refusal_count = refusal_count + CASE WHEN $3 = 'refused' THEN 1 ELSE 0 END, onsite_visit_count = onsite_visit_count + CASE WHEN $5 = 'door_to_door' THEN 1 ELSE 0 END`
        : '';
    await m.query(
      `UPDATE ${TABLE[kind]} SET visit_count = visit_count + 1 ${employerCounters},
              status = CASE WHEN last_visit_at IS NULL OR $2 >= last_visit_at THEN $3 ELSE status END,
              last_outcome = CASE WHEN last_visit_at IS NULL OR $2 >= last_visit_at THEN $3 ELSE last_outcome END,
              last_visit_at = greatest(last_visit_at, $2), updated_at = $4
        WHERE id = $1`,
      [v.entryId, v.visitedAt, v.outcome, v.now, ...(kind === 'employer' ? [v.method] : [])],
    );
  }

  /** The employer an inspection enrols, locked FOR UPDATE: campaign, unit, status and uninsured headcount. */
  async lockEmployer(m: EntityManager, employerId: number): Promise<EmployerBeforeEnrolment | undefined> {
    return queryOne<EmployerBeforeEnrolment>(
      m,
      `SELECT campaign_id, org_unit_id, org_unit_path, status, uninsured_count FROM registry_employer WHERE id = $1 FOR UPDATE`,
      [employerId],
    );
  }

  /** Marks an employer enrolled and moves `moved` staff from uninsured to insured; answers nothing. */
  async enrolEmployer(m: EntityManager, employerId: number, moved: number, now: Date): Promise<void> {
    await m.query(
      `UPDATE registry_employer SET status = 'enrolled', insured_count = insured_count + $2, uninsured_count = uninsured_count - $2,
              last_outcome = 'enrolled', updated_at = $3 WHERE id = $1`,
      [employerId, moved, now],
    );
  }

  /** The department uploads that reported an entry (registry_entry_source), oldest first. */
  sources(
    m: EntityManager,
    kind: EntryKind,
    entryId: string,
  ): Promise<{ orgUnitId: number; unitName: string; importId: string; fileName: string; rowNumber: number; reportedAt: Date }[]> {
    return queryRows(
      m,
      `SELECT s.org_unit_id AS "orgUnitId", o.name AS "unitName", s.import_job_id::text AS "importId", j.file_name AS "fileName", s.row_number AS "rowNumber",
              s.reported_at AS "reportedAt"
         FROM registry_entry_source s JOIN org_unit_v o ON o.id = s.org_unit_id JOIN registry_import_job j ON j.id = s.import_job_id
        WHERE s.kind = $1 AND s.entry_id = $2 ORDER BY s.reported_at, s.id`,
      [kind, entryId],
    );
  }

  /** A person's unit path, or undefined when there is no such person (RegistryReader). */
  async personPath(db: Queryable | EntityManager, personId: number): Promise<string | undefined> {
    const p = await queryOne<{ id: string; org_unit_path: string }>(db, `SELECT id, org_unit_path FROM registry_person WHERE id = $1`, [personId]);
    return p?.org_unit_path;
  }

  // the demo's entries (demo/demo-registry.ts)

  /** Inserts the demo's people, one array per column (id_number … address), keeping those already there. */
  async insertDemoPeople(m: EntityManager, campaignId: number, columns: unknown[][]): Promise<void> {
    await m.query(
      `INSERT INTO registry_person (campaign_id, id_number, name, sex, birth_date, phone, org_unit_id, org_unit_path, source_group, address)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::char(1)[], $5::date[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[])
     ON CONFLICT (campaign_id, id_number) DO NOTHING`,
      [campaignId, ...columns],
    );
  }

  /** Inserts the demo's employers, one array per column (uscc … suspected dispatch), keeping those already there. */
  async insertDemoEmployers(m: EntityManager, campaignId: number, columns: unknown[][]): Promise<void> {
    await m.query(
      `INSERT INTO registry_employer (campaign_id, uscc, name, legal_representative, org_unit_id, org_unit_path, staff_count, insured_count, uninsured_count, flags)
     SELECT $1, u, n, l, o, p, s, i, un, CASE WHEN d THEN '{suspected_dispatch}'::text[] ELSE '{}'::text[] END
       FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[], $9::int[], $10::boolean[]) AS x(u, n, l, o, p, s, i, un, d)
     ON CONFLICT (campaign_id, uscc) DO NOTHING`,
      [campaignId, ...columns],
    );
  }

  /** The two largest not-enrolled employers of each district of the campaign that never enrolled (id, cadre). */
  demoRefusingEmployers(m: EntityManager, campaignId: number): Promise<{ id: string; cadre_id: number | null }[]> {
    return queryRows(
      m,
      `SELECT id, cadre_id FROM (
       SELECT e.id, e.cadre_id, row_number() OVER (PARTITION BY d.id ORDER BY e.uninsured_count DESC, e.id) AS k
         FROM registry_employer e JOIN org_unit_v d ON d.level = 'district' AND e.org_unit_path LIKE d.path || '%'
        WHERE e.campaign_id = $1 AND e.status <> 'enrolled'
          AND NOT EXISTS (SELECT 1 FROM registry_visit v WHERE v.employer_id = e.id AND v.outcome = 'enrolled')) x
     WHERE k <= 2`,
      [campaignId],
    );
  }

  /** Marks an employer refusing and recounts its visits, refusals, on-site visits and last visit from registry_visit. */
  async recountDemoRefusal(m: EntityManager, employerId: string): Promise<void> {
    await m.query(
      `UPDATE registry_employer e SET status = 'refused', last_outcome = 'refused',
              visit_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id),
              refusal_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id AND v.outcome = 'refused'),
              onsite_visit_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id AND v.method = 'door_to_door'),
              last_visit_at = (SELECT max(visited_at) FROM registry_visit v WHERE v.employer_id = e.id)
        WHERE id = $1`,
      [employerId],
    );
  }

  /** Upserts a lapsed contributor of a unit (one already there keeps its id and takes the new name); answers its id. */
  async upsertDemoLapsed(
    m: EntityManager,
    campaignId: number,
    unit: { id: number; path: string },
    p: { idNumber: string; name: string; sex: string; birthDate: string; phone: string; status: string },
  ): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, insurance_status, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'lapsed_contributor', 'lapsed', $9)
       ON CONFLICT (campaign_id, id_number) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [campaignId, unit.id, unit.path, p.idNumber, p.name, p.sex, p.birthDate, p.phone, p.status],
    );
    return row.id;
  }
}
