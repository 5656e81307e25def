import { CampaignReader } from '#campaigns';
import {
  assertInScope,
  AuditService,
  AuthUser,
  Clock,
  DomainError,
  hasRole,
  Page,
  pageOf,
  RECORD_NAMES,
  Role,
  tableWorkbook,
  validationError,
  XlsxFile,
} from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EmployerListQuery, EntryListQuery, PersonListQuery, PoliceCheckExportQuery, TownQuery } from '../dto/entry.dto';
import { EntryKind } from '../registry.types';
import { AssignmentRepository } from '../repositories/assignment.repository';
import { employerView, personDetailView, personView } from '../dto/entry-views';
import {
  RegistryAssignmentDto,
  RegistryEmployerDetailDto,
  RegistryEmployerDto,
  RegistryPersonDetailDto,
  RegistryPersonDto,
  RegistryVisitHistoryDto,
} from '../dto/entry.response';
import { EntryFilter, EntryRepository, PersonRow } from '../repositories/entry.repository';
import { policeCheckSheet } from './police-check-sheet';
import { VisitRepository } from '../repositories/visit.repository';
import { REGISTRY_AUDIT } from './registry-audit';
import { employerSearch, EntrySearch, personSearch } from '../rules/entry-search';

export { TABLE } from '../repositories/entry.repository';

/** The police-check export reads its people in chunks of this many (in one transaction). */
const POLICE_EXPORT_CHUNK = 5000;

/** Registry entries: scoped lists with masked ID numbers and phones, full records only through an audited detail read. */
@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: EntryRepository,
    private readonly visitRows: VisitRepository,
    private readonly assignmentRows: AssignmentRepository,
    private readonly scope: ScopeService,
    private readonly org: OrgReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly campaigns: CampaignReader,
  ) {}

  /** The filters every list shares, the scope first: the unit asked for (checked), else the caller's. */
  private async filter(user: AuthUser, q: EntryListQuery): Promise<EntryFilter> {
    return {
      scope: await this.scope.listScope(user, q.unitId),
      campaignId: q.campaignId,
      status: q.status,
      mineOf: q.mine ? user.id : undefined,
      cadreId: q.cadreId,
      unassigned: q.unassigned,
      lastVisitBefore: q.lastVisitBefore,
    };
  }

  /**
   * People in scope, filtered; ID numbers and phones masked; age and recommendation on the campaign's reference date.
   * A search by full ID number is audited like a full read: one audit row per person it finds, in the same transaction.
   */
  async listPeople(user: AuthUser, q: PersonListQuery): Promise<Page<RegistryPersonDto>> {
    const search = q.q === undefined ? undefined : readSearch(personSearch(q.q));
    const f = { ...(await this.filter(user, q)), search, group: q.group, recommendation: q.recommendation };
    const { rows, total } =
      search?.by !== 'idNumber'
        ? await this.entries.listPeople(f, q)
        : await this.dataSource.transaction(async (m) => {
            const found = await this.entries.listPeople(f, q, m);
            await this.audit.recordMany(
              m,
              user,
              found.rows.map((r) => ({ action: REGISTRY_AUDIT.personRead, entity: 'registry_person', entityId: r.id, orgUnitPath: r.org_unit_path })),
            );
            return found;
          });
    return pageOf(
      rows.map((r) => personView(r, true)),
      total,
      q,
    );
  }

  async listEmployers(user: AuthUser, q: EmployerListQuery): Promise<Page<RegistryEmployerDto>> {
    const search = q.q === undefined ? undefined : readSearch(employerSearch(q.q));
    const f = { ...(await this.filter(user, q)), search, minUninsured: q.minUninsured, minRefusals: q.minRefusals };
    const { rows, total } = await this.entries.listEmployers(f, q);
    return pageOf(
      rows.map((r) => employerView(r)),
      total,
      q,
    );
  }

  /** The full record of a person (unmasked); every such read writes an audit row. */
  async personDetail(user: AuthUser, id: string): Promise<RegistryPersonDetailDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.entries.personDetail(m, id);
      this.assertVisible(user, row, 'person', id);
      await this.audit.record(m, user, { action: REGISTRY_AUDIT.personRead, entity: 'registry_person', entityId: id, orgUnitPath: row.org_unit_path });
      return { ...personDetailView(row), sources: await this.entries.sources(m, 'person', id) };
    });
  }

  async employerDetail(user: AuthUser, id: string): Promise<RegistryEmployerDetailDto> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.entries.employerDetail(m, id);
      this.assertVisible(user, row, 'employer', id);
      await this.audit.record(m, user, { action: REGISTRY_AUDIT.employerRead, entity: 'registry_employer', entityId: id, orgUnitPath: row.org_unit_path });
      return { ...employerView(row), sources: await this.entries.sources(m, 'employer', id) };
    });
  }

  /** Visit history of an entry, newest first. */
  async visits(user: AuthUser, kind: EntryKind, id: string): Promise<RegistryVisitHistoryDto[]> {
    await this.entryPath(user, kind, id);
    return this.visitRows.history(kind, id);
  }

  /** Assignment history of an entry, oldest first. */
  async assignments(user: AuthUser, kind: EntryKind, id: string): Promise<RegistryAssignmentDto[]> {
    await this.entryPath(user, kind, id);
    return this.assignmentRows.history(kind, id);
  }

  /** Seed 001: unreachable people of a town, to be checked against household registration at the police station. */
  /**
   * The unreachable people of a unit, to check at the police station (seed 001: 对无法联系的人员到派出所核查户籍).
   * A village's cadre takes the town's list there, so a cadre may list the town their own unit lies in (masked, as every list).
   */
  async policeChecks(user: AuthUser, q: TownQuery): Promise<Page<RegistryPersonDto>> {
    const pq = Object.assign(new PersonListQuery(), {
      page: q.page,
      pageSize: q.pageSize,
      sort: q.sort,
      order: q.order,
      unitId: q.unitId,
      campaignId: q.campaignId,
      status: 'unreachable',
    });
    const town = await this.cadresTown(user, q.unitId);
    if (!town) return this.listPeople(user, pq);
    const f = {
      ...(await this.filter(user, Object.assign(new PersonListQuery(), { ...pq, unitId: undefined }))),
      scope: { kind: 'subtree' as const, prefix: town },
    };
    const { rows, total } = await this.entries.listPeople(f, pq);
    return pageOf(
      rows.map((r) => personView(r, true)),
      total,
      pq,
    );
  }

  /**
   * The police-check list of a town as XLSX with full ID numbers, for that town's office only (the station is the
   * town's): an office user of another unit, above it too, is refused. Every person on it is audited as a full read,
   * in the transaction that reads them.
   */
  async policeChecksXlsx(user: AuthUser, q: PoliceCheckExportQuery): Promise<XlsxFile> {
    const town = await this.org.unit(this.dataSource.manager, q.unitId);
    if (!town) throw DomainError.notFound('org unit', q.unitId);
    if (q.campaignId !== undefined && !(await this.campaigns.campaign(this.dataSource.manager, q.campaignId)))
      throw DomainError.notFound('campaign', q.campaignId);
    if (town.level !== 'town') throw DomainError.validation('unitId', '派出所核查名单按镇（街道）导出，请选择镇（街道）');
    if (!hasRole(user, Role.Office) || user.orgUnitId !== town.id)
      throw DomainError.outOfScope(`派出所核查名单（含完整身份证号码）只能由${town.name}办公室导出（only the town's own office may export it）`);
    const pq = Object.assign(new PersonListQuery(), { unitId: q.unitId, campaignId: q.campaignId, status: 'unreachable' });
    const f = await this.filter(user, pq);
    const rows = await this.dataSource.transaction(async (m) => {
      const all: PersonRow[] = [];
      for (let offset = 0; ; offset += POLICE_EXPORT_CHUNK) {
        const { rows: chunk } = await this.entries.listPeople(f, { pageSize: POLICE_EXPORT_CHUNK, offset, sort: 'unitName', order: 'asc' }, m);
        all.push(...chunk);
        if (chunk.length < POLICE_EXPORT_CHUNK) break;
      }
      await this.audit.recordMany(
        m,
        user,
        all.map((r) => ({
          action: REGISTRY_AUDIT.personRead,
          entity: 'registry_person',
          entityId: r.id,
          orgUnitPath: r.org_unit_path,
          after: { export: 'police_checks', unitId: town.id },
        })),
      );
      return all;
    });
    const today = this.clock.today();
    return tableWorkbook(`${town.name}派出所核查名单${today}.xlsx`, [policeCheckSheet(town.name, today, rows)]);
  }

  /** The path of the unit asked for when it is the town above a cadre's own unit; else undefined (the usual scope applies). */
  private async cadresTown(user: AuthUser, unitId: number): Promise<string | undefined> {
    if (!user.roles.includes(Role.Cadre)) return undefined;
    const unit = await this.org.unit(this.dataSource.manager, unitId);
    if (!unit || unit.level !== 'town' || user.orgUnitPath === unit.path || !user.orgUnitPath.startsWith(unit.path)) return undefined;
    return unit.path;
  }

  /** The org path of an entry the caller may see; a cadre sees only the entries of their own unit's subtree. */
  async entryPath(
    user: AuthUser,
    kind: EntryKind,
    id: string,
    m: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<{ path: string; campaignId: number }> {
    const row = await this.entries.place(m, kind, id, lock);
    this.assertVisible(user, row, kind, id);
    return { path: row.org_unit_path, campaignId: row.campaign_id };
  }

  private assertVisible(user: AuthUser, row: { org_unit_path: string } | undefined, kind: EntryKind, id: string): asserts row {
    if (!row) throw DomainError.notFound(kind, id);
    assertInScope(user, row.org_unit_path, `${RECORD_NAMES[kind]} ${id} 不在您所在单位的范围内（${kind} ${id} is outside your organisation unit）`);
  }

  /** Managers and office may assign; used by the assignment service. */
  static canAssign(user: AuthUser): boolean {
    return hasRole(user, Role.UnitManager, Role.Office);
  }

  now(): Date {
    return this.clock.now();
  }
}

/** The search as the repository takes it; a malformed ID number or USCC is the caller's 400 on `q`. */
function readSearch(s: EntrySearch): Exclude<EntrySearch, { by: 'invalid' }> {
  if (s.by === 'invalid') throw validationError([{ field: 'q', message: `搜索内容有误：${s.reason}（q is not a valid ID number or USCC）` }]);
  return s;
}
