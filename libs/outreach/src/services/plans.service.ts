import { CampaignReader } from '#campaigns';
import { AuditService, AuthUser, Clock, DomainError, Page, pageOf, WorkingCalendar } from '#core';
import { ScopeService } from '#org';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreatePlanDto, PlanListQuery } from '../dto/plan.dto';
import { RoundTarget } from '../outreach.types';
import { PlanRow, ReminderPlanRepository } from '../repositories/reminder-plan.repository';
import { ReminderRoundRepository } from '../repositories/reminder-round.repository';
import { dueOccurrence, PlanSchedule, roundDeadline, upcomingDates } from '../rules/plan-occurrences';
import { missingRoundValue } from '../rules/round-values';
import { templateVariables } from '../rules/template-rules';
import { RoundsService } from './rounds.service';
import { TemplatesService } from './templates.service';

const TARGET_LABELS: Record<RoundTarget, string> = { lapsed: '断缴人员', will_enrol: '承诺参保人员', not_visited: '尚未走访人员' };

const scheduleOf = (p: PlanRow): PlanSchedule => (p.dates ? { dates: p.dates } : { everyMonths: p.every_months!, firstOn: p.first_on!, untilOn: p.until_on });

/**
 * A campaign's reminder plans: rounds planned ahead (explicit dates or every N months, one or more target groups).
 * The worker's `outreach.plans` job (startDue) makes and starts each occurrence's rounds on their date, once: the
 * round's unique (plan, date, target) decides, in the transaction that starts it.
 */
@Injectable()
export class PlansService {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly templates: TemplatesService,
    private readonly plans: ReminderPlanRepository,
    private readonly roundsRepo: ReminderRoundRepository,
    private readonly rounds: RoundsService,
    private readonly campaigns: CampaignReader,
    /** China's working days (core's WorkingCalendar): a plan date on a day off moves back to the working day before. */
    private readonly calendar: WorkingCalendar,
  ) {}

  private view(p: PlanRow) {
    return {
      id: p.id,
      campaignId: p.campaign_id,
      name: p.name,
      orgUnitId: p.org_unit_id,
      targets: p.targets,
      channel: p.channel,
      templateKind: p.template_kind,
      dates: p.dates,
      everyMonths: p.every_months,
      firstOn: p.first_on,
      untilOn: p.until_on,
      amount: p.amount === null ? null : Number(p.amount),
      deadlineDays: p.deadline_days,
      officePhone: p.office_phone,
      active: p.active,
      rounds: p.rounds,
      lastRoundOn: p.last_made,
      upcoming: p.active ? upcomingDates(scheduleOf(p), this.clock.today(), 3, this.calendar) : [],
      createdAt: p.created_at,
    };
  }

  async create(user: AuthUser, dto: CreatePlanDto) {
    const today = this.clock.today();
    if (!dto.dates && (dto.everyMonths === undefined || !dto.firstOn))
      throw DomainError.validation('dates', '请填写提醒日期，或填写每几个月一次（everyMonths）和首次日期（firstOn）（give dates, or everyMonths and firstOn）');
    if (dto.dates && (dto.everyMonths !== undefined || dto.firstOn))
      throw DomainError.validation('everyMonths', '提醒日期与每几个月一次只能选一种（dates or everyMonths, not both）');
    if (dto.dates) {
      const past = dto.dates.findIndex((d) => d < today);
      if (past >= 0) throw DomainError.validation(`dates[${past}]`, `提醒日期不能早于今天（${today}）（a date in the past）`);
    }
    if (dto.firstOn && dto.untilOn && dto.untilOn < dto.firstOn) throw DomainError.validation('untilOn', `截止日期不能早于首次日期（${dto.firstOn}）`);
    return this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(user, dto.orgUnitId, m);
      const campaign = await this.campaigns.campaign(m, dto.campaignId);
      if (!campaign) throw DomainError.validation('campaignId', `扩面任务 ${dto.campaignId} 不存在（campaign ${dto.campaignId} does not exist）`);
      if (campaign.status === 'closed') throw DomainError.validation('campaignId', `扩面任务 ${dto.campaignId} 已结束（campaign is closed）`);
      // every round the plan makes must find its template and every value the template uses (as a round planned by hand)
      for (const target of dto.targets) {
        const kind = dto.templateKind ?? `reminder.${target}`;
        const template = await this.templates.find(m, kind, path);
        if (!template) throw DomainError.validation('templateKind', `没有类型为 ${kind} 的通知模板，请先设置模板（no template of kind ${kind}）`);
        const missing = missingRoundValue(kind, templateVariables(template.body), {
          amount: dto.amount,
          deadline: dto.deadlineDays === undefined ? undefined : 'set',
          officePhone: dto.officePhone,
        });
        if (missing) throw DomainError.validation(missing.field === 'deadline' ? 'deadlineDays' : missing.field, missing.message);
      }
      const id = await this.plans.insert(m, {
        campaignId: dto.campaignId,
        name: dto.name,
        orgUnitId: dto.orgUnitId,
        targets: dto.targets,
        channel: dto.channel,
        templateKind: dto.templateKind ?? null,
        dates: dto.dates ?? null,
        everyMonths: dto.everyMonths ?? null,
        firstOn: dto.firstOn ?? null,
        untilOn: dto.untilOn ?? null,
        amount: dto.amount ?? null,
        deadlineDays: dto.deadlineDays ?? null,
        officePhone: dto.officePhone ?? null,
        createdBy: user.id,
        createdAt: this.clock.now(),
        createdOn: today,
      });
      const row = (await this.plans.find(m, id))!;
      await this.audit.record(m, user, {
        action: 'reminder_plan.create',
        entity: 'reminder_plan',
        entityId: id,
        orgUnitPath: path,
        before: null,
        after: this.view(row),
      });
      return this.view(row);
    });
  }

  async list(user: AuthUser, q: PlanListQuery): Promise<Page<ReturnType<PlansService['view']>>> {
    const scope = this.scope.scopeOf(user);
    const db = this.dataSource.manager;
    const rows = await this.plans.page(db, scope, q.campaignId ?? null, q.offset, q.pageSize);
    return pageOf(
      rows.map((r) => this.view(r)),
      await this.plans.count(db, scope, q.campaignId ?? null),
      q,
    );
  }

  private async loadInScope(user: AuthUser, id: number, m: EntityManager, lock = false): Promise<PlanRow> {
    const row = await this.plans.find(m, id, lock);
    if (!row) throw DomainError.notFound('reminder plan', id);
    await this.scope.unitPathInScope(user, row.org_unit_id, m);
    return row;
  }

  async get(user: AuthUser, id: number) {
    return this.view(await this.loadInScope(user, id, this.dataSource.manager));
  }

  /** Stops the plan: no more rounds (those started run on). */
  async cancel(user: AuthUser, id: number) {
    return this.dataSource.transaction(async (m) => {
      const before = await this.loadInScope(user, id, m, true);
      if (before.active) {
        await this.plans.deactivate(m, id);
        await this.audit.record(m, user, {
          action: 'reminder_plan.cancel',
          entity: 'reminder_plan',
          entityId: id,
          orgUnitPath: before.path,
          before: { active: true },
          after: { active: false },
        });
      }
      return this.view((await this.plans.find(m, id))!);
    });
  }

  /**
   * The schedule's job: for every active plan of an active campaign, the occurrence due today (the latest date on or
   * before today after its last round: a worker that was down starts it when it is back; only on a working day) gets
   * one round per target (a person in two targets gets one message: see expandChunk),
   * made and started in one transaction. A second worker, or this job run again, finds the rounds made (ON CONFLICT
   * DO NOTHING answers none) and starts nothing. Answers how many rounds it started.
   */
  async startDue(): Promise<number> {
    const today = this.clock.today();
    let started = 0;
    for (const p of await this.plans.activePlans(this.dataSource.manager)) {
      const due = dueOccurrence(scheduleOf(p), today, p.created_on, p.last_made, this.calendar);
      if (!due) continue;
      try {
        started += await this.dataSource.transaction(async (m) => {
          let n = 0;
          for (const target of p.targets) {
            const round = await this.roundsRepo.insertForPlan(m, p.id, {
              campaignId: p.campaign_id,
              name: p.targets.length > 1 ? `${p.name}（${due}，${TARGET_LABELS[target]}）` : `${p.name}（${due}）`,
              orgUnitId: p.org_unit_id,
              orgUnitPath: p.path,
              target,
              channel: p.channel,
              templateKind: p.template_kind ?? `reminder.${target}`,
              plannedFor: due,
              amount: p.amount === null ? null : Number(p.amount),
              deadline: roundDeadline(due, p.deadline_days),
              officePhone: p.office_phone,
              createdBy: null,
              createdAt: this.clock.now(),
            });
            if (!round) continue; // made already, by another worker or an earlier run
            await this.rounds.begin(m, null, round);
            n++;
          }
          return n;
        });
      } catch (e) {
        // one plan's trouble (its template deleted since) must not hold the others back; the next tick tries again
        this.logger.error(`reminder plan ${p.id}: could not start the round of ${due}: ${(e as Error).message}`);
      }
    }
    return started;
  }
}
