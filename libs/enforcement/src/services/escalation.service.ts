import { assertInScope, AuditService, AuthUser, Clock, DomainError, METRICS, Page, pageOf, Role, WorkingCalendar } from '#core';
import { NoticesService } from '#notices';
import { OrgReader, ScopeService } from '#org';
import { CampaignReader } from '#campaigns';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { CandidateQuery, CutoffRunQuery, SubmissionEntryQuery } from '../dto/escalation.dto';
import { CandidateRow } from '../repositories/escalation-candidate.repository';
import { CutoffRunRepository, CutoffRunRow, SubmissionEntryRow } from '../repositories/cutoff-run.repository';
import { Cutoff, cutoffLocalTime, dueCutoffs } from '../rules/cutoffs';
import { campaignCutoffOn } from '../rules/campaign-cutoffs';
import { submissionNoticeDelay } from '../rules/submission-notice';
import { CampaignEscalation, CampaignEscalations } from './campaign-escalation';
import { enforcementError } from '../enforcement.errors';

const RUNNER = `${hostname()}:${process.pid}`;

/**
 * Escalation: the candidate list, and the cutoffs at which each district's candidates are frozen into a
 * submission. A cutoff happens exactly once per (campaign, district, cutoff instant) because the
 * cutoff_run row is inserted with ON CONFLICT DO NOTHING in the same transaction as its frozen entries.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger(EscalationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly scope: ScopeService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly runs: CutoffRunRepository,
    private readonly campaigns: CampaignReader,
    private readonly org: OrgReader,
    private readonly escalations: CampaignEscalations,
  ) {}

  async candidates(user: AuthUser, q: CandidateQuery): Promise<Page<CandidateRow> & { refusalThreshold: number; asOf: Date }> {
    const campaign = await this.escalations.load(this.dataSource.manager, q.campaignId);
    const unitPath = q.unitId ? await this.scope.unitPathInScope(user, q.unitId) : user.seesAll ? campaign.orgUnitPath : user.orgUnitPath;
    const asOf = this.clock.now();
    const { rows, total } = await this.escalations.candidatesAsOf(this.dataSource.manager, campaign.id, unitPath, asOf, campaign.settings.refusalThreshold, {
      limit: q.pageSize,
      offset: q.offset,
      sort: q,
    });
    return { ...pageOf(rows, total, q), refusalThreshold: campaign.settings.refusalThreshold, asOf };
  }

  /**
   * Runs every cutoff that is due as of Clock.now() and not yet done, for every active campaign with an
   * escalation window. Safe to run from any number of workers at once, late, or repeatedly.
   */
  async reconcile(): Promise<{ runs: number }> {
    const now = this.clock.now();
    const db = this.dataSource.manager;
    let runs = 0;
    for (const { id } of await this.campaigns.activeCampaigns(db)) {
      const campaign = await this.escalations.load(db, id);
      if (!campaign.settings.calendars.length) continue;
      // Districts whose candidates form a submission: district-level units at, under or above the campaign's unit.
      const districts = await this.org.districtsAround(db, campaign.orgUnitPath);
      if (!districts.length) continue;
      // A cutoff is done when every district has its run.
      const done = await this.runs.doneDates(
        db,
        campaign.id,
        districts.map((d) => d.id),
        districts.length,
      );
      const due = campaign.settings.calendars.flatMap((cal) => dueCutoffs(cal, now, done));
      for (const cutoff of due) {
        runs += (await this.runCutoff(campaign, cutoff, 'schedule', null)).created;
      }
    }
    return { runs };
  }

  /** The office triggers a cutoff by hand (e.g. after an outage); idempotent: a cutoff that already ran is not run again. */
  async triggerByHand(user: AuthUser, campaignId: number, cutoffDate: string): Promise<{ created: number; runs: CutoffRunRow[] }> {
    const campaign = await this.escalations.load(this.dataSource.manager, campaignId);
    await this.scope.unitPathInScope(user, campaign.orgUnitId);
    const cutoff = campaignCutoffOn(campaign, cutoffDate);
    if (cutoff.at.getTime() > this.clock.now().getTime()) {
      throw enforcementError(
        'CUTOFF_NOT_DUE',
        `报送截止日 ${cutoffDate} 的截止时间是 ${cutoffLocalTime(cutoff)}，未到截止时间不能执行（cutoff ${cutoffDate} is at ${cutoff.at.toISOString()}: it cannot be run before it is due）`,
      );
    }
    const { created } = await this.runCutoff(campaign, cutoff, 'manual', user);
    const runs = await this.runs.at(this.dataSource.manager, campaign.id, cutoff.at);
    return { created, runs };
  }

  /** Each district in its own transaction: the run row and its frozen entries commit together, or not at all. */
  private async runCutoff(campaign: CampaignEscalation, cutoff: Cutoff, trigger: 'schedule' | 'manual', user: AuthUser | null): Promise<{ created: number }> {
    const districts = await this.org.districtsAround(this.dataSource.manager, campaign.orgUnitPath);
    let created = 0;
    for (const district of districts) {
      const made = await this.dataSource.transaction(async (m) => {
        const runId = await this.runs.insert(m, {
          campaignId: campaign.id,
          districtId: district.id,
          districtPath: district.path,
          cutoffDate: cutoff.date,
          cutoffAt: cutoff.at,
          trigger,
          triggeredBy: user?.id ?? null,
          ranAt: this.clock.now(),
          runner: RUNNER,
        });
        if (!runId) return false;
        // Frozen as of the cutoff instant, even when the run is late.
        const { rows } = await this.escalations.candidatesAsOf(m, campaign.id, district.path, cutoff.at, campaign.settings.refusalThreshold);
        if (rows.length) await this.runs.insertEntries(m, runId, rows);
        await this.runs.setEntryCount(m, runId, rows.length);
        await this.audit.record(m, user, {
          action: 'cutoff.run',
          entity: 'cutoff_run',
          entityId: runId,
          orgUnitPath: district.path,
          after: { campaignId: campaign.id, districtId: district.id, cutoffDate: cutoff.date, trigger, entryCount: rows.length },
        });
        const office = await this.notices.recipients(m, [campaign.orgUnitId], [Role.Office]);
        const delay = submissionNoticeDelay(cutoff.date, campaign.settings.submissionNoticeOnWorkingDay, this.calendar, campaign.settings.reminderTime);
        const held = delay ? `截止日 ${cutoff.date} 为休息日，顺延至 ${delay.on} 通知。` : '';
        await this.notices.notify(
          m,
          office.map((uid) => ({
            recipientUserId: uid,
            kind: 'escalation.submission',
            subject: `${district.name} ${cutoff.date} 拒不参保用人单位报送（${rows.length} 家）`,
            body: `${district.name}截至 ${cutoff.date} 的拒不参保用人单位名单已报送办公室，共 ${rows.length} 家。${held}`,
            link: { entity: 'cutoff_run', id: runId },
            dedupeKey: `escalation-submission-${runId}-${uid}`,
          })),
          delay ? { notBefore: delay.at } : {},
        );
        return true;
      });
      if (made) created++;
    }
    METRICS.cutoffRuns.inc(created);
    if (created) this.logger.log(`cutoff ${cutoff.date} of campaign ${campaign.id}: ${created} district submission(s) (${trigger})`);
    return { created };
  }

  /** Submissions in the caller's scope (a district sees its own, the office all). */
  async listRuns(user: AuthUser, q: CutoffRunQuery): Promise<Page<CutoffRunRow>> {
    // The office sees every district under it; a district user sees its own.
    const scope = this.scope.scopeOf(user);
    const db = this.dataSource.manager;
    const n = await this.runs.countInScope(db, q.campaignId, scope, q.cutoffDate || null);
    const items = await this.runs.pageInScope(db, q.campaignId, scope, q.cutoffDate || null, q, q.pageSize, q.offset);
    return pageOf(items, n, q);
  }

  /** One submission (its entries: runEntries). */
  async getRun(user: AuthUser, id: number): Promise<CutoffRunRow> {
    const db = this.dataSource.manager;
    const run = await this.runs.byId(db, id);
    if (!run) throw DomainError.notFound('cutoff run', id);
    assertInScope(user, await this.runs.districtPath(db, id), `截止日报送 ${id} 属于其他区县（cutoff run ${id} belongs to another district）`);
    return run;
  }

  /** One page of a submission's frozen entries. */
  async runEntries(user: AuthUser, id: number, q: SubmissionEntryQuery): Promise<Page<SubmissionEntryRow>> {
    const run = await this.getRun(user, id);
    const db = this.dataSource.manager;
    const n = await this.runs.countEntries(db, run.id);
    return pageOf(await this.runs.entryPage(db, run.id, q, q.pageSize, q.offset), n, q);
  }
}
