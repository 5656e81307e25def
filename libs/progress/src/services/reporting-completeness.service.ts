import { CampaignReader, CampaignRecord, readCampaignSettings } from '#campaigns';
import { addDays, AuthUser, businessDate, businessInstant, Clock, DomainError, maskPhone, WorkingCalendar } from '#core';
import { NoticesService } from '#notices';
import { OrgReader, ScopeService } from '#org';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReportingCompletenessQuery } from '../dto/reporting-completeness.dto';
import { BulletinUnreported, ReportingCompleteness } from '../dto/reporting-completeness.types';
import { ReportingCompletenessRepository } from '../repositories/reporting-completeness.repository';
import { daysOverdue, reminderPeriod, ReportCadence, reportingPeriodOn, workingReminderDay } from '../rules/reporting-period';
import { reportingReminderNotices } from '../rules/reporting-reminder';

/** How many units a bulletin names as not reported (the count is always whole). */
export const BULLETIN_UNREPORTED_MAX = 200;

/**
 * Reporting completeness (issue 17 point 2): who, among the units holding a campaign's leaf tasks, has not reported
 * since the current period (progress.reportCadence) started: listed for the dashboard, named in the bulletin, and
 * reminded once per campaign, unit and period (reporting_reminder's unique key).
 */
@Injectable()
export class ReportingCompletenessService {
  private readonly logger = new Logger(ReportingCompletenessService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ReportingCompletenessRepository,
    private readonly campaigns: CampaignReader,
    private readonly units: OrgReader,
    private readonly scope: ScopeService,
    private readonly notices: NoticesService,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** A page of the units in the subtree (the caller's unit by default) that have not reported in the current period. */
  async list(user: AuthUser, q: ReportingCompletenessQuery): Promise<ReportingCompleteness> {
    const unitId = q.unitId ?? user.orgUnitId;
    const path = await this.scope.unitPathInScope(user, unitId);
    const c = await this.campaign(this.ds.manager, q.campaignId);
    const cadence = cadenceOf(c);
    const today = this.clock.today();
    const period = reportingPeriodOn(cadence, c.startsOn, c.endsOn, today < c.endsOn ? today : c.endsOn);
    const base = { campaignId: c.id, unitId, cadence, date: today, period, page: q.page, pageSize: q.pageSize };
    if (!period) return { ...base, expectedUnits: 0, items: [], total: 0 };
    const to = today < period.end ? today : period.end;
    const [counts, rows] = await Promise.all([
      this.repo.counts(this.ds, c.id, path, period.start, to),
      this.repo.missingPage(this.ds, c.id, path, period.start, to, q.offset, q.pageSize),
    ]);
    const items = rows.map((r) => ({
      unitId: r.unit_id,
      code: r.code,
      name: r.name,
      lastReportOn: r.last_on,
      daysOverdue: daysOverdue(cadence, c.startsOn, c.endsOn, r.last_on, today),
      indicators: r.indicators,
      managers: r.managers.map((m) => ({ ...m, phone: maskPhone(m.phone) })),
      remindedAt: r.reminded_at,
    }));
    return { ...base, expectedUnits: counts.expected, items, total: counts.missing };
  }

  /**
   * The job's half (progress.reconcile): for each active campaign, the latest period whose last day has reached the
   * campaign's reminder time (notices.reminderTime) — a worker that was down catches up on it — gets its reminders:
   * the units that have not reported in it, each once (reporting_reminder), their managers notified in the same
   * transaction. Returns the units reminded now.
   */
  async remindDue(): Promise<{ campaignId: number; unitId: number; periodStart: string }[]> {
    const now = this.clock.now();
    const today = businessDate(now);
    const out: { campaignId: number; unitId: number; periodStart: string }[] = [];
    let failed: unknown;
    // one campaign that fails does not hold up the others; the job fails afterwards, so that it is retried
    for (const { id } of await this.campaigns.activeCampaigns(this.ds)) {
      try {
        out.push(...(await this.remindCampaign(id, now, today)));
      } catch (e) {
        this.logger.error(`reporting reminders of campaign ${id} failed: ${(e as Error).message}`);
        failed ??= e;
      }
    }
    if (failed) throw failed;
    return out;
  }

  private async remindCampaign(campaignId: number, now: Date, today: string): Promise<{ campaignId: number; unitId: number; periodStart: string }[]> {
    return this.ds.transaction(async (m) => {
      const c = await this.campaign(m, campaignId);
      const settings = readCampaignSettings(c.settings);
      // before the reminder time the day's own period is not due yet
      const day = now >= businessInstant(today, settings.notices.reminderTime) ? today : addDays(today, -1);
      const period = reminderPeriod(settings.progress.reportCadence, c.startsOn, c.endsOn, day, (p) => workingReminderDay(this.calendar, p));
      const unit = period && (await this.units.unit(m, c.orgUnitId));
      if (!period || !unit) return [];
      const claimed = await this.repo.claimReminders(m, c.id, unit.path, period, now);
      await this.notices.notify(m, reportingReminderNotices(c, period, claimed));
      return claimed.map((r) => ({ campaignId: c.id, unitId: r.org_unit_id, periodStart: period.start }));
    });
  }

  private campaign(m: EntityManager, id: number): Promise<CampaignRecord> {
    return campaignOr404(this.campaigns, m, id);
  }
}

async function campaignOr404(campaigns: CampaignReader, m: EntityManager, id: number): Promise<CampaignRecord> {
  const c = await campaigns.campaign(m, id);
  if (!c) throw DomainError.notFound('campaign', id);
  return c;
}

/**
 * A bulletin's section of the units under `unitId` that had not reported in the period holding `date`, by `date`
 * (the first BULLETIN_UNREPORTED_MAX named, all counted); undefined outside the campaign's dates. No scope check:
 * the worker's bulletins (and the demo) call it.
 */
export async function unreportedForBulletin(
  m: EntityManager,
  { repo, campaigns, units }: { repo: ReportingCompletenessRepository; campaigns: CampaignReader; units: OrgReader },
  campaignId: number,
  unitId: number,
  date: string,
): Promise<BulletinUnreported | undefined> {
  const c = await campaignOr404(campaigns, m, campaignId);
  const unit = await units.unit(m, unitId);
  const cadence = cadenceOf(c);
  const period = reportingPeriodOn(cadence, c.startsOn, c.endsOn, date);
  if (!period || !unit) return undefined;
  const counts = await repo.counts(m, c.id, unit.path, period.start, date);
  const rows = await repo.missingPage(m, c.id, unit.path, period.start, date, 0, BULLETIN_UNREPORTED_MAX);
  return {
    cadence,
    periodStart: period.start,
    periodEnd: period.end,
    expectedUnits: counts.expected,
    total: counts.missing,
    units: rows.map((r) => ({ unitId: r.unit_id, code: r.code, name: r.name, lastReportOn: r.last_on, indicators: r.indicators.map((i) => i.name) })),
  };
}

function cadenceOf(c: CampaignRecord): ReportCadence {
  return readCampaignSettings(c.settings).progress.reportCadence;
}
