import {
  assertInScope,
  AuditEvent,
  AuditService,
  AuthUser,
  Clock,
  DomainError,
  FieldError,
  maskIdNumber,
  NUM_FMT,
  Page,
  pageOf,
  pathInScope,
  percentCell,
  tableWorkbook,
  validationError,
  XlsxFile,
} from '#core';
import { CampaignReader } from '#campaigns';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseIdNumber } from '../rules/id-number';
import { ageOn } from '../rules/recommendation';
import { hardshipDateErrors } from './hardship-dates';
import { hardshipRates } from './hardship-rates';
import { HardshipBatchDto, HardshipListQuery, HardshipPersonDto, HardshipPersonRowDto, HardshipRatesQuery } from './hardship.dto';
import { HardshipRateRow, HardshipRepository, HardshipWrite } from './hardship.repository';
import { HardshipPersonViewDto, HardshipRateRowDto, HardshipRatesDto, HardshipRecordedDto } from './hardship.response';
import { HARDSHIP_CATEGORY_LABELS, HardshipCategory, HardshipState, LOWEST_TIER_YUAN, PENSION_AGE } from './hardship.types';

/** Hardship groups' subsidised contributions (issue 16 point 4): their people, scoped, and the three 100 % rates. */
@Injectable()
export class HardshipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rows: HardshipRepository,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignReader,
  ) {}

  /**
   * The campaign of a hardship record, as the registry's imports see campaigns: its unit is in the caller's scope or
   * above the caller's unit (the units below hold its work), else 403; for a write it must not be closed (409).
   */
  private async campaignFor(user: AuthUser, campaignId: number, write: boolean): Promise<void> {
    const m = this.dataSource.manager;
    const c = await this.campaigns.campaign(m, campaignId);
    if (!c) throw DomainError.notFound('campaign', campaignId);
    const path = (await this.rows.unit(m, c.orgUnitId))!.path;
    if (!pathInScope(user, path) && !user.orgUnitPath.startsWith(path))
      throw DomainError.outOfScope(`扩面任务 ${campaignId} 不属于本单位，不能登记或查看其困难群体人员（campaign outside your organisation unit）`);
    if (write && c.status === 'closed')
      throw DomainError.conflict(`扩面任务 ${campaignId} 已结束，不能再登记困难群体人员（the campaign is closed）`, 'campaignId');
  }

  record(user: AuthUser, dto: HardshipPersonDto): Promise<HardshipRecordedDto> {
    return this.recordAll(user, dto.campaignId, [dto], '');
  }

  /** All the people, or none: any row at fault is a 400 naming people[i].field, and nothing is written. */
  batch(user: AuthUser, dto: HardshipBatchDto): Promise<HardshipRecordedDto> {
    return this.recordAll(user, dto.campaignId, dto.people, 'people');
  }

  private async recordAll(user: AuthUser, campaignId: number, people: HardshipPersonRowDto[], prefix: string): Promise<HardshipRecordedDto> {
    await this.campaignFor(user, campaignId, true);
    const ref = (await this.rows.referenceDate(campaignId))!;
    const today = this.clock.today();
    const field = (i: number, name: string) => (prefix ? `${prefix}[${i}].${name}` : name);
    const errors: FieldError[] = [];
    const writes: (Omit<HardshipWrite, 'unitPath'> & { index: number })[] = [];
    const seen = new Map<string, number>();
    people.forEach((p, i) => {
      const before = errors.length;
      const id = parseIdNumber(p.idNumber, today);
      if (!id.ok) errors.push({ field: field(i, 'idNumber'), message: id.reason });
      else if (seen.has(id.idNumber)) errors.push({ field: field(i, 'idNumber'), message: `与第 ${seen.get(id.idNumber)! + 1} 行的身份证号码重复` });
      else seen.set(id.idNumber, i);
      for (const e of hardshipDateErrors(p, today)) errors.push({ field: field(i, e.name), message: e.message });
      if (p.paidOn && !p.registeredOn) errors.push({ field: field(i, 'paidOn'), message: '代缴须先参保登记（registeredOn is required with paidOn）' });
      if (p.paidAmount !== undefined && !p.paidOn)
        errors.push({ field: field(i, 'paidAmount'), message: '代缴金额须与代缴日期一同填写（paidAmount needs paidOn）' });
      if (p.paidAmount !== undefined && Number(p.paidAmount) <= 0) errors.push({ field: field(i, 'paidAmount'), message: '代缴金额须大于0' });
      if (p.benefitOn && id.ok && ageOn(id.birthDate, ref) < PENSION_AGE)
        errors.push({ field: field(i, 'benefitOn'), message: `未满${PENSION_AGE}周岁（按任务基准日 ${ref}），不能登记享受待遇` });
      if (errors.length === before && id.ok)
        writes.push({
          index: i,
          campaignId,
          unitId: p.unitId,
          idNumber: id.idNumber,
          name: p.name.trim(),
          sex: id.sex,
          birthDate: id.birthDate,
          category: p.category,
          registeredOn: p.registeredOn ?? null,
          paidOn: p.paidOn ?? null,
          paidAmount: p.paidOn ? (p.paidAmount ?? LOWEST_TIER_YUAN) : null,
          benefitOn: p.benefitOn ?? null,
          recordedBy: user.id,
        });
    });
    if (errors.length) throw validationError(errors);
    const scope = this.scope.scopeOf(user);
    return this.dataSource.transaction(async (m) => {
      const paths = new Map<number, string>();
      const audited: AuditEvent[] = [];
      for (const w of writes) {
        if (!paths.has(w.unitId)) paths.set(w.unitId, await this.villagePath(m, user, w.unitId, field(w.index, 'unitId')));
        const id = await this.rows.upsert(m, { ...w, unitPath: paths.get(w.unitId)! }, scope);
        if (id === undefined)
          throw DomainError.conflict(
            '该身份证号码已由您范围以外的单位登记（this person is on file with a unit outside your scope）',
            field(w.index, 'idNumber'),
          );
        audited.push({
          action: 'hardship_person.record',
          entity: 'registry_hardship_person',
          entityId: id,
          orgUnitPath: paths.get(w.unitId)!,
          after: { category: w.category, registeredOn: w.registeredOn, paidOn: w.paidOn, paidAmount: w.paidAmount, benefitOn: w.benefitOn },
        });
      }
      // personal data changed: one audit row per person, in the transaction that wrote them
      await this.audit.recordMany(m, user, audited);
      return { recorded: writes.length };
    });
  }

  /** A person is filed under a village (as the registry's people are): its path, if in scope (else 403); another level is a 400. */
  private async villagePath(m: EntityManager, user: AuthUser, unitId: number, field: string): Promise<string> {
    const unit = await this.rows.unit(m, unitId);
    if (unit === undefined) throw DomainError.notFound('org unit', unitId);
    assertInScope(user, unit.path, `单位 ${unitId} 不在您所在单位的范围内（org unit ${unitId} is outside your organisation unit）`);
    if (unit.level !== 'village') throw DomainError.validation(field, '困难群体人员须登记在村（社区）（the unit must be a village）');
    return unit.path;
  }

  /** The people in scope (or under the unit asked for), ID numbers masked. */
  async list(user: AuthUser, q: HardshipListQuery): Promise<Page<HardshipPersonViewDto>> {
    await this.campaignFor(user, q.campaignId, false);
    const scope = await this.scope.listScope(user, q.unitId);
    const { rows, total } = await this.rows.list({ campaignId: q.campaignId, scope, category: q.category, state: q.state as HardshipState | undefined }, q);
    return pageOf(
      rows.map((r) => ({
        id: r.id,
        campaignId: r.campaign_id,
        orgUnitId: r.org_unit_id,
        unitName: r.unit_name,
        idNumber: maskIdNumber(r.id_number)!,
        name: r.name,
        sex: r.sex,
        age: r.age,
        category: r.category,
        categoryLabel: HARDSHIP_CATEGORY_LABELS[r.category as HardshipCategory],
        registeredOn: r.registered_on,
        paidOn: r.paid_on,
        paidAmount: r.paid_amount,
        benefitOn: r.benefit_on,
      })),
      total,
      q,
    );
  }

  /** 三个100%: the unit's rates over its subtree, and each child's over its own. */
  async rates(user: AuthUser, q: HardshipRatesQuery): Promise<HardshipRatesDto> {
    const unitId = q.unitId ?? user.orgUnitId;
    await this.scope.unitPathInScope(user, unitId);
    await this.campaignFor(user, q.campaignId, false);
    const [unit, ...children] = (await this.rows.rates(q.campaignId, unitId)).map(rateView);
    return { unit, children };
  }

  /** The rates as XLSX: the unit first (合计), then each child; counts as integers, rates as percent cells with one decimal. */
  async ratesXlsx(user: AuthUser, q: HardshipRatesQuery): Promise<XlsxFile> {
    const { unit, children } = await this.rates(user, q);
    const today = this.clock.today();
    const count = (header: string) => ({ header, numFmt: NUM_FMT.integer });
    const rate = (header: string) => ({ header, numFmt: NUM_FMT.percent1 });
    return tableWorkbook(`${unit.unitName}困难群体参保“三个100%”情况表（${today}）.xlsx`, [
      {
        name: '三个100%',
        title: `${unit.unitName}困难群体参保“三个100%”情况表（截至${today}）`,
        unit: '人、%',
        headers: [
          '单位',
          count('困难群体人数'),
          count('参保登记人数'),
          rate('参保登记率'),
          count('代缴人数'),
          rate('代缴率'),
          count(`${PENSION_AGE}周岁以上人数`),
          count('享受待遇人数'),
          rate('待遇享受率'),
        ],
        rows: [{ ...unit, unitName: '合计' }, ...children].map((r) => [
          r.unitName,
          r.listed,
          r.registered,
          percentCell(r.registrationRate),
          r.paid,
          percentCell(r.paymentRate),
          r.eligible,
          r.receiving,
          percentCell(r.benefitRate),
        ]),
        totalRows: [0],
      },
    ]);
  }
}

function rateView(r: HardshipRateRow): HardshipRateRowDto {
  const counts = { listed: r.listed, registered: r.registered, paid: r.paid, eligible: r.eligible, receiving: r.receiving };
  return { unitId: r.unit_id, unitName: r.unit_name, ...counts, ...hardshipRates(counts) };
}
