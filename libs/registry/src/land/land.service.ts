import {
  assertInScope,
  AuditAction,
  AuditService,
  AuthUser,
  Clock,
  DomainError,
  ErrorCode,
  FieldError,
  maskIdNumber,
  NUM_FMT,
  Page,
  pageOf,
  percentCell,
  shiftDecimal,
  tableWorkbook,
  validationError,
  XlsxFile,
  WorkingCalendar,
} from '#core';
import { LandDeadlines } from '#campaigns';
import { ScopeService } from '#org';
import { Exact } from '#progress';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseIdNumber } from '../rules/id-number';
import {
  AddLandFarmersDto,
  CreateLandProjectDto,
  LandFarmerDto,
  LandFarmerListQuery,
  LandFundSplitDto,
  LandIndicatorQuery,
  LandIndicatorRowDto,
  LandIndicatorsDto,
  LandProjectDto,
  LandProjectListQuery,
  UpdateLandProjectDto,
  VerifyLandFarmerDto,
} from './land.dto';
import { LandFarmerFields, LandProjectRow, LandRepository } from './land.repository';
import {
  checkFundSplit,
  DEFAULT_VERIFY_WITHIN_DAYS,
  isProjectVerified,
  fundArrivedExcess,
  isVerificationOverdue,
  LandCounts,
  landRates,
  percentOf,
  splitPeopleExcess,
  verificationDueOn,
} from './land.rules';

/** Most projects one XLSX holds. */
const MAX_EXPORT_ROWS = 20000;

/** Land projects at the unit that runs them, their farmers' verification and the split of their fund (seeds 000, 004). */
@Injectable()
export class LandService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: LandRepository,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditService,
    private readonly deadlines: LandDeadlines,
  ) {}

  /** Every change of a project or its farmers is audited in its own transaction, under the project's unit. */
  private audited(m: EntityManager, user: AuthUser, action: AuditAction, p: LandProjectRow, details: { before?: object; after?: object } = {}) {
    return this.audit.record(m, user, { action, entity: 'land_project', entityId: p.id, orgUnitPath: p.unit_path, ...details });
  }

  async create(user: AuthUser, dto: CreateLandProjectDto): Promise<LandProjectDto> {
    const excess = fundArrivedExcess(dto.fundDue, dto.fundArrived ?? '0');
    if (excess) throw DomainError.validation('fundArrived', excess);
    return this.dataSource.transaction(async (m) => {
      await this.scope.unitPathInScope(user, dto.unitId, m);
      const id = await this.repo.insertProject(m, dto.unitId, {
        name: dto.name.trim(),
        year: dto.year,
        agreementOn: dto.agreementOn,
        areaMu: dto.areaMu,
        fundDue: dto.fundDue,
        fundArrived: dto.fundArrived ?? '0',
        verifyWithinDays: dto.verifyWithinDays ?? DEFAULT_VERIFY_WITHIN_DAYS,
        verifyDayUnit: dto.verifyDayUnit ?? 'natural',
      });
      const row = (await this.repo.findProject(m, id))!;
      await this.deadlines.plan(m, id);
      await this.audited(m, user, 'land_project.create', row, { after: dto });
      return this.view(row);
    });
  }

  async list(user: AuthUser, q: LandProjectListQuery): Promise<Page<LandProjectDto>> {
    const m = this.dataSource.manager;
    const scope = await this.scope.listScope(user, q.unitId, m);
    const { rows, total } = await this.repo.listProjects(m, scope, { sort: q.sort, order: q.order, search: q.q, limit: q.pageSize, offset: q.offset });
    return pageOf(
      rows.map((r) => this.view(r)),
      total,
      q,
    );
  }

  async detail(user: AuthUser, id: number): Promise<LandProjectDto> {
    return this.view(await this.visible(user, this.dataSource.manager, id));
  }

  async update(user: AuthUser, id: number, dto: UpdateLandProjectDto): Promise<LandProjectDto> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.visible(user, m, id, true);
      const fundDue = dto.fundDue ?? p.fund_due;
      const excess = fundArrivedExcess(fundDue, dto.fundArrived ?? p.fund_arrived);
      // named on what was sent: the fund arrived, else the lowered fund due
      if (excess) throw DomainError.validation(dto.fundArrived !== undefined ? 'fundArrived' : 'fundDue', excess);
      // a split already made must still add up to a changed fund
      if (p.split_people !== null && p.split_amount_each !== null) {
        const split = checkFundSplit(fundDue, p.split_people, p.split_amount_each);
        if (!split.ok) throw validationError([{ field: 'fundDue', message: `已按个人账户分解：${split.message}；请先调整分解方案` }]);
      }
      await this.repo.updateProject(m, id, {
        name: dto.name?.trim() ?? p.name,
        year: dto.year ?? p.year,
        agreementOn: dto.agreementOn ?? p.agreement_on,
        areaMu: dto.areaMu ?? p.area_mu,
        fundDue,
        fundArrived: dto.fundArrived ?? p.fund_arrived,
        verifyWithinDays: dto.verifyWithinDays ?? p.verify_within_days,
        verifyDayUnit: dto.verifyDayUnit ?? p.verify_day_unit,
      });
      // the verification deadline follows a changed agreement date or number of days
      await this.deadlines.plan(m, id);
      await this.audited(m, user, 'land_project.update', p, { after: dto });
      return this.view((await this.repo.findProject(m, id))!);
    });
  }

  async remove(user: AuthUser, id: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const p = await this.visible(user, m, id, true);
      await this.repo.deleteProject(m, id);
      await this.audited(m, user, 'land_project.delete', p, { before: { name: p.name, listed: p.listed } });
    });
  }

  /** Seed 000: N people × amount each into personal pension accounts, exactly the project's fund due, to the fen. */
  async split(user: AuthUser, id: number, dto: LandFundSplitDto): Promise<LandProjectDto> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.visible(user, m, id, true);
      if (!Exact.of(dto.amountEach).isPositive()) throw DomainError.validation('amountEach', '每人金额须大于0');
      const tooMany = splitPeopleExcess(dto.people, p.listed);
      if (tooMany) throw DomainError.validation('people', tooMany);
      const result = checkFundSplit(p.fund_due, dto.people, dto.amountEach);
      if (!result.ok) throw validationError([{ field: result.field, message: result.message }]);
      await this.repo.setFundSplit(m, id, { people: dto.people, amountEach: dto.amountEach });
      await this.audited(m, user, 'land_project.fund_split', p, { after: { people: dto.people, amountEach: dto.amountEach } });
      return this.view((await this.repo.findProject(m, id))!);
    });
  }

  /** Adds the farmers of a project (one already listed under the ID number is updated); every bad row is named. */
  async addFarmers(user: AuthUser, id: number, dto: AddLandFarmersDto): Promise<{ added: number; updated: number }> {
    const today = this.clock.today();
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    const farmers: LandFarmerFields[] = [];
    dto.farmers.forEach((f, i) => {
      const parsed = parseIdNumber(f.idNumber, today);
      if (!parsed.ok) {
        errors.push({ field: `farmers[${i}].idNumber`, message: parsed.reason });
        return;
      }
      const before = seen.get(parsed.idNumber);
      if (before !== undefined) errors.push({ field: `farmers[${i}].idNumber`, message: `与第${before + 1}人的身份证号码重复` });
      seen.set(parsed.idNumber, i);
      const verified = f.verified ?? false;
      if (!verified && f.verifiedOn) errors.push({ field: `farmers[${i}].verifiedOn`, message: '未核实的人员不能有核实日期' });
      if (f.verifiedOn && f.verifiedOn > today) errors.push({ field: `farmers[${i}].verifiedOn`, message: '核实日期不能晚于今天' });
      if (f.subsidyPaidOn && f.subsidyPaidOn > today) errors.push({ field: `farmers[${i}].subsidyPaidOn`, message: '补贴发放日期不能晚于今天' });
      farmers.push({
        name: f.name.trim(),
        idNumber: parsed.idNumber,
        village: f.village.trim(),
        verified,
        verifiedOn: verified ? (f.verifiedOn ?? today) : null,
        subsidyPaidOn: f.subsidyPaidOn ?? null,
      });
    });
    if (errors.length) throw validationError(errors);
    return this.dataSource.transaction(async (m) => {
      const p = await this.visible(user, m, id, true);
      const counts = await this.repo.upsertFarmers(m, id, farmers);
      await this.audited(m, user, 'land_farmer.upsert', p, { after: counts });
      return counts;
    });
  }

  async verifyFarmer(user: AuthUser, id: number, farmerId: number, dto: VerifyLandFarmerDto): Promise<void> {
    const today = this.clock.today();
    if (!dto.verified && dto.verifiedOn) throw DomainError.validation('verifiedOn', '未核实的人员不能有核实日期');
    if (dto.verifiedOn && dto.verifiedOn > today) throw DomainError.validation('verifiedOn', '核实日期不能晚于今天');
    if (dto.subsidyPaidOn && dto.subsidyPaidOn > today) throw DomainError.validation('subsidyPaidOn', '补贴发放日期不能晚于今天');
    await this.dataSource.transaction(async (m) => {
      const p = await this.visible(user, m, id, true);
      const verifiedOn = dto.verified ? (dto.verifiedOn ?? today) : null;
      if (!(await this.repo.setVerified(m, id, farmerId, { verified: dto.verified, verifiedOn, subsidyPaidOn: dto.subsidyPaidOn })))
        throw new DomainError(ErrorCode.NotFound, `被征地农民 ${farmerId} 不在征地项目 ${id} 中（land farmer ${farmerId} is not in land project ${id}）`);
      await this.audited(m, user, 'land_farmer.verify', p, {
        after: { farmerId, verified: dto.verified, verifiedOn, subsidyPaidOn: dto.subsidyPaidOn ?? null },
      });
    });
  }

  async farmers(user: AuthUser, id: number, q: LandFarmerListQuery): Promise<Page<LandFarmerDto>> {
    const m = this.dataSource.manager;
    await this.visible(user, m, id);
    const { rows, total } = await this.repo.listFarmers(m, id, q.pageSize, q.offset);
    return pageOf(
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        idNumber: maskIdNumber(r.id_number)!,
        village: r.village,
        verified: r.verified,
        verifiedOn: r.verified_on,
        subsidyPaidOn: r.subsidy_paid_on,
      })),
      total,
      q,
    );
  }

  /** Seed 004's land indicators of a unit (default: the caller's) and of each of its children, computed from the records. */
  async indicators(user: AuthUser, q: LandIndicatorQuery): Promise<LandIndicatorsDto> {
    const m = this.dataSource.manager;
    const unitId = q.unitId ?? user.orgUnitId;
    await this.scope.unitPathInScope(user, unitId, m);
    const rows = (await this.repo.countsByUnit(m, unitId)).map((r): LandIndicatorRowDto => {
      const counts: LandCounts = {
        projects: r.projects,
        projectsVerified: r.projects_verified,
        fundDue: r.fund_due,
        fundArrived: r.fund_arrived,
        farmersVerified: r.farmers_verified,
        farmersInsured: r.farmers_insured,
      };
      return {
        unitId: r.unit_id,
        unitName: r.unit_name,
        ...counts,
        fundDue: Exact.of(r.fund_due).toFixedHalfUp(2),
        fundArrived: Exact.of(r.fund_arrived).toFixedHalfUp(2),
        ...landRates(counts),
      };
    });
    return { unit: rows[0], children: rows.slice(1) };
  }

  /** The projects of the list (same scope, search and order, every page) as a print-ready XLSX. */
  async exportXlsx(user: AuthUser, q: LandProjectListQuery): Promise<XlsxFile> {
    const m = this.dataSource.manager;
    const scope = await this.scope.listScope(user, q.unitId, m);
    const { rows, total } = await this.repo.listProjects(m, scope, { sort: q.sort, order: q.order, search: q.q, limit: MAX_EXPORT_ROWS, offset: 0 });
    if (total > MAX_EXPORT_ROWS) throw DomainError.validation('q', `共${total}个项目，超过一次导出的上限${MAX_EXPORT_ROWS}个，请按单位或名称缩小范围`);
    const today = this.clock.today();
    return tableWorkbook(`征地项目（${today}）.xlsx`, [
      {
        name: '征地项目',
        title: `征地项目被征地农民信息核实及养老保险补贴资金情况（截至 ${today}）`,
        unit: '亩、人、元、%',
        headers: [
          '序号',
          '项目名称',
          '实施单位',
          '年度',
          '征地补偿安置协议签订日期',
          { header: '征地面积', numFmt: NUM_FMT.decimal2 },
          '被征地农民人数',
          '已核实人数',
          '核实完成时限',
          '核实情况',
          { header: '应到位补贴资金', numFmt: NUM_FMT.decimal2 },
          { header: '已到位补贴资金', numFmt: NUM_FMT.decimal2 },
          { header: '资金到位率', numFmt: NUM_FMT.percent2 },
        ],
        rows: rows.map((r, i) => {
          const v = this.view(r);
          const status = v.verified ? '已核实' : v.verificationOverdue ? '逾期未核实' : '核实中';
          return [
            i + 1,
            v.name,
            v.unitName,
            v.year,
            v.agreementOn,
            shiftDecimal(v.areaMu, 0),
            v.farmersListed,
            v.farmersVerified,
            v.verificationDueOn,
            status,
            shiftDecimal(v.fundDue, 0),
            shiftDecimal(v.fundArrived, 0),
            percentCell(percentOf(v.fundArrived, v.fundDue)),
          ];
        }),
      },
    ]);
  }

  /**
   * The per-person table of a project: each farmer's verification (against the project's deadline), the amount
   * into their personal pension account (the fund split, when made) and enrolment (insured once the subsidy is
   * paid out, seed 004). ID numbers masked as in the list.
   */
  async farmersXlsx(user: AuthUser, id: number): Promise<XlsxFile> {
    const m = this.dataSource.manager;
    const p = this.view(await this.visible(user, m, id));
    const { rows, total } = await this.repo.listFarmers(m, id, MAX_EXPORT_ROWS, 0);
    if (total > MAX_EXPORT_ROWS) throw DomainError.validation('id', `共${total}人，超过一次导出的上限${MAX_EXPORT_ROWS}人`);
    const overdue = this.clock.today() > p.verificationDueOn;
    // each farmer's amount only when the split is over all of them: a split over fewer names no one's account
    const whole = p.fundSplit !== null && p.fundSplit.people === total;
    const each = whole ? shiftDecimal(p.fundSplit!.amountEach, 0) : null;
    const note = p.fundSplit && !whole ? `；资金按${p.fundSplit.people}人分解（名单${total}人），个人账户划入以分解方案为准` : '';
    return tableWorkbook(`${p.name}被征地农民（${this.clock.today()}）.xlsx`, [
      {
        name: '被征地农民',
        title: `${p.name}被征地农民信息核实及参保情况（截至 ${this.clock.today()}${note}）`,
        unit: '元',
        headers: [
          '序号',
          '姓名',
          '身份证号码',
          '村（社区）',
          '核实情况',
          '核实日期',
          '核实完成时限',
          { header: '个人账户划入补贴', numFmt: NUM_FMT.decimal2 },
          '补贴发放日期',
          '参保情况',
        ],
        rows: rows.map((f, i) => [
          i + 1,
          f.name,
          maskIdNumber(f.id_number)!,
          f.village,
          f.verified ? '已核实' : overdue ? '逾期未核实' : '待核实',
          f.verified_on ?? '',
          p.verificationDueOn,
          each,
          f.subsidy_paid_on ?? '',
          f.verified && f.subsidy_paid_on ? '已参保' : '未参保',
        ]),
      },
    ]);
  }

  private async visible(user: AuthUser, m: EntityManager, id: number, lock = false): Promise<LandProjectRow> {
    const p = await this.repo.findProject(m, id, lock);
    if (!p) throw new DomainError(ErrorCode.NotFound, `征地项目 ${id} 不存在（land project ${id} does not exist）`);
    assertInScope(user, p.unit_path, `征地项目 ${id} 不在您所在单位的范围内（land project ${id} is outside your organisation unit）`);
    return p;
  }

  private view(r: LandProjectRow): LandProjectDto {
    const dueOn = verificationDueOn(r.agreement_on, r.verify_within_days, r.verify_day_unit, this.calendar);
    return {
      id: r.id,
      unitId: r.org_unit_id,
      unitName: r.unit_name,
      name: r.name,
      year: r.year,
      agreementOn: r.agreement_on,
      areaMu: r.area_mu,
      fundDue: r.fund_due,
      fundArrived: r.fund_arrived,
      verifyWithinDays: r.verify_within_days,
      verifyDayUnit: r.verify_day_unit,
      verificationDueOn: dueOn,
      farmersListed: r.listed,
      farmersVerified: r.verified,
      verified: isProjectVerified(r.listed, r.verified),
      verificationOverdue: isVerificationOverdue(dueOn, this.clock.today(), r.listed, r.verified),
      fundSplit: r.split_people !== null && r.split_amount_each !== null ? { people: r.split_people, amountEach: r.split_amount_each } : null,
    };
  }
}
