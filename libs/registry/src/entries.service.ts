import { settingSql } from '#campaigns';
import { AuditService, AuthUser, Clock, DomainError, hasRole, maskIdNumber, maskPhone, Page, pageOf, pathInScope, Role } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EmployerListQuery, EntryListQuery, PersonListQuery, TownQuery } from './dto/entry.dto';
import { EntryKind } from './entities/registry-types';
import { ageSql, recommendationSql } from './rules/recommendation';

export const TABLE: Record<EntryKind, string> = { person: 'registry_person', employer: 'registry_employer' };

/** The campaign's reference date for ages (seed 001): settings registry.referenceDate, else the campaign's start. */
const REF_DATE = `(SELECT coalesce(${settingSql('c', 'registry', 'referenceDate')}::date, c.starts_on) FROM campaign c WHERE c.id = p.campaign_id)`;

/** SQL pieces for the filters every entry list shares; `p` is the entry alias. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(sql: string, ...values: unknown[]): this {
    let s = sql;
    for (const v of values) {
      this.params.push(v);
      s = s.replace('?', `$${this.params.length}`);
    }
    this.parts.push(s);
    return this;
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** Registry entries: scoped lists with masked ID numbers and phones, full records only through an audited detail read. */
@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async baseWhere(user: AuthUser, q: EntryListQuery): Promise<Where> {
    const w = new Where();
    const prefix = q.unitId ? await this.scope.unitPathInScope(user, q.unitId) : this.scope.scopePrefix(user);
    if (prefix) w.add(`p.org_unit_path LIKE ? || '%'`, prefix);
    if (q.campaignId) w.add('p.campaign_id = ?', q.campaignId);
    if (q.status) w.add('p.status = ?', q.status);
    if (q.mine) w.add('p.cadre_id = ?', user.id);
    if (q.cadreId) w.add('p.cadre_id = ?', q.cadreId);
    if (q.unassigned) w.add('p.cadre_id IS NULL');
    if (q.lastVisitBefore) w.add(`(p.last_visit_at IS NULL OR p.last_visit_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai')`, q.lastVisitBefore);
    return w;
  }

  /** People in scope, filtered; ID numbers and phones masked; age and recommendation on the campaign's reference date. */
  async listPeople(user: AuthUser, q: PersonListQuery): Promise<Page<unknown>> {
    const w = await this.baseWhere(user, q);
    if (q.group) w.add('p.source_group = ?', q.group);
    if (q.recommendation) w.add(`${recommendationSql('p', REF_DATE)} = ?`, q.recommendation);
    const rows = await this.dataSource.query(
      `SELECT p.id::text, p.campaign_id, p.org_unit_id, o.name AS unit_name, p.id_number, p.name, p.sex, p.phone, p.address, p.source_group,
              p.current_scheme, p.insurance_status, p.employer_id::text, p.status, p.cadre_id, p.visit_count, p.last_visit_at, p.last_outcome,
              ${ageSql('p', REF_DATE)} AS age, ${recommendationSql('p', REF_DATE)} AS recommendation, count(*) OVER () AS total
         FROM registry_person p JOIN org_unit o ON o.id = p.org_unit_id
         ${w.sql} ORDER BY p.id LIMIT ${q.pageSize} OFFSET ${q.offset}`,
      w.params,
    );
    const total = rows.length ? Number(rows[0].total) : await this.count('registry_person', w);
    return pageOf(
      rows.map((r: Record<string, unknown>) => this.personView(r, true)),
      total,
      q,
    );
  }

  async listEmployers(user: AuthUser, q: EmployerListQuery): Promise<Page<unknown>> {
    const w = await this.baseWhere(user, q);
    if (q.minUninsured !== undefined) w.add('p.uninsured_count >= ?', q.minUninsured);
    if (q.minRefusals) w.add('p.refusal_count >= ?', q.minRefusals);
    const rows = await this.dataSource.query(
      `SELECT p.*, p.id::text AS id, o.name AS unit_name, count(*) OVER () AS total
         FROM registry_employer p JOIN org_unit o ON o.id = p.org_unit_id
         ${w.sql} ORDER BY p.id LIMIT ${q.pageSize} OFFSET ${q.offset}`,
      w.params,
    );
    const total = rows.length ? Number(rows[0].total) : await this.count('registry_employer', w);
    return pageOf(
      rows.map((r: Record<string, unknown>) => this.employerView(r)),
      total,
      q,
    );
  }

  private async count(table: string, w: Where): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} p ${w.sql}`, w.params);
    return n;
  }

  /** The full record of a person (unmasked); every such read writes an audit row. */
  async personDetail(user: AuthUser, id: string): Promise<unknown> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT p.id::text, p.campaign_id, p.org_unit_id, o.name AS unit_name, p.org_unit_path, p.id_number, p.name, p.sex, p.birth_date::text, p.phone, p.address,
                p.source_group, p.current_scheme, p.insurance_status, p.employer_uscc, p.employer_id::text, p.status, p.cadre_id, p.assigned_at,
                p.visit_count, p.last_visit_at, p.last_outcome, ${ageSql('p', REF_DATE)} AS age, ${recommendationSql('p', REF_DATE)} AS recommendation
           FROM registry_person p JOIN org_unit o ON o.id = p.org_unit_id WHERE p.id = $1`,
        [id],
      );
      this.assertVisible(user, row, 'person', id);
      await this.audit.record(m, user, { action: 'registry.person.read', entity: 'registry_person', entityId: id, orgUnitPath: row.org_unit_path });
      return { ...this.personView(row, false), birthDate: row.birth_date, employerUscc: row.employer_uscc, assignedAt: row.assigned_at };
    });
  }

  async employerDetail(user: AuthUser, id: string): Promise<unknown> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT p.*, p.id::text AS id, o.name AS unit_name FROM registry_employer p JOIN org_unit o ON o.id = p.org_unit_id WHERE p.id = $1`,
        [id],
      );
      this.assertVisible(user, row, 'employer', id);
      await this.audit.record(m, user, { action: 'registry.employer.read', entity: 'registry_employer', entityId: id, orgUnitPath: row.org_unit_path });
      return this.employerView(row);
    });
  }

  /** Visit history of an entry, newest first. */
  async visits(user: AuthUser, kind: EntryKind, id: string): Promise<unknown[]> {
    await this.entryPath(user, kind, id);
    return this.dataSource.query(
      `SELECT v.id::text, v.visited_at AS "visitedAt", v.method, v.outcome, v.proof_reference AS "proofReference", v.ineligible_reason AS "ineligibleReason",
              v.note, v.visitor_id AS "visitorId", u.display_name AS "visitorName"
         FROM registry_visit v LEFT JOIN app_user u ON u.id = v.visitor_id
        WHERE v.${kind}_id = $1 ORDER BY v.visited_at DESC, v.id DESC`,
      [id],
    );
  }

  /** Assignment history of an entry, oldest first. */
  async assignments(user: AuthUser, kind: EntryKind, id: string): Promise<unknown[]> {
    await this.entryPath(user, kind, id);
    return this.dataSource.query(
      `SELECT a.id::text, a.from_cadre_id AS "fromCadreId", a.to_cadre_id AS "toCadreId", a.mode, a.assigned_by AS "assignedBy", a.assigned_at AS "assignedAt"
         FROM registry_assignment a WHERE a.${kind}_id = $1 ORDER BY a.assigned_at, a.id`,
      [id],
    );
  }

  /** Seed 001: unreachable people of a town, to be checked against household registration at the police station. */
  async policeChecks(user: AuthUser, q: TownQuery): Promise<Page<unknown>> {
    return this.listPeople(
      user,
      Object.assign(new PersonListQuery(), { page: q.page, pageSize: q.pageSize, unitId: q.unitId, campaignId: q.campaignId, status: 'unreachable' }),
    );
  }

  /** The org path of an entry the caller may see; a cadre sees only the entries of their own unit's subtree. */
  async entryPath(
    user: AuthUser,
    kind: EntryKind,
    id: string,
    m: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<{ path: string; campaignId: number }> {
    const [row] = await m.query(`SELECT org_unit_path, campaign_id FROM ${TABLE[kind]} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    this.assertVisible(user, row, kind, id);
    return { path: row.org_unit_path, campaignId: row.campaign_id };
  }

  private assertVisible(user: AuthUser, row: { org_unit_path: string } | undefined, kind: EntryKind, id: string): asserts row {
    if (!row) throw DomainError.notFound(kind, id);
    if (!pathInScope(user, row.org_unit_path)) throw DomainError.outOfScope(`${kind} ${id} is outside your organisation unit`);
  }

  private personView(r: Record<string, unknown>, masked: boolean) {
    return {
      id: r.id,
      campaignId: r.campaign_id,
      orgUnitId: r.org_unit_id,
      unitName: r.unit_name,
      idNumber: masked ? maskIdNumber(r.id_number as string) : r.id_number,
      name: r.name,
      sex: r.sex,
      age: r.age,
      recommendation: r.recommendation,
      phone: masked ? maskPhone(r.phone as string) : r.phone,
      address: r.address,
      sourceGroup: r.source_group,
      currentScheme: r.current_scheme,
      insuranceStatus: r.insurance_status,
      employerId: r.employer_id,
      status: r.status,
      cadreId: r.cadre_id,
      visitCount: r.visit_count,
      lastVisitAt: r.last_visit_at,
      lastOutcome: r.last_outcome,
    };
  }

  private employerView(r: Record<string, unknown>) {
    return {
      id: r.id,
      campaignId: r.campaign_id,
      orgUnitId: r.org_unit_id,
      unitName: r.unit_name,
      uscc: r.uscc,
      name: r.name,
      legalRepresentative: r.legal_representative,
      address: r.address,
      industry: r.industry,
      staffCount: r.staff_count,
      insuredCount: r.insured_count,
      uninsuredCount: r.uninsured_count,
      flags: r.flags,
      status: r.status,
      cadreId: r.cadre_id,
      visitCount: r.visit_count,
      refusalCount: r.refusal_count,
      onsiteVisitCount: r.onsite_visit_count,
      lastVisitAt: r.last_visit_at,
      lastOutcome: r.last_outcome,
    };
  }

  /** Managers and office may assign; used by the assignment service. */
  static canAssign(user: AuthUser): boolean {
    return hasRole(user, Role.UnitManager, Role.Office);
  }

  now(): Date {
    return this.clock.now();
  }
}
