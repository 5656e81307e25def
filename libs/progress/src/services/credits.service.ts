import { CampaignReader, TaskAttainment } from '#campaigns';
import { AuditService, AuthUser, Clock, isIsoDate, JobCompletion, JobPayload, lockRollup, Page, pageOf } from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadCampaign } from './campaign-context';
import { CreditListQuery } from '../dto/progress.dto';
import { ProgressCreditRepository } from '../repositories/progress-credit.repository';

export interface CreditView {
  id: number;
  campaignId: number;
  indicatorId: number;
  orgUnitId: number;
  unitName: string;
  amount: string;
  on: string;
  source: string;
  sourceRef: string;
  recordedAt: Date;
}

/**
 * Credits: enrolments that reach a unit's progress from outside its reports (issue 6: an inspection case
 * closed as rectified with N employees enrolled).
 *
 * The rule, so that nothing is counted twice up the tree: a credit belongs to exactly one unit (the
 * employer's unit) and one indicator. As of a date D, the figure of a unit U for that indicator is the
 * sum of its counted leaf tasks' reports (each leaf's latest report as of D) in U's subtree plus the
 * credits dated on or before D of the units in U's subtree. So a credit counts once in its own unit's
 * figure and once in each ancestor's, never in a sibling's; a parent's figure stays the sum of its
 * children's plus what is counted at its own level (its own leaf task, credits dated at the parent
 * itself). Credits are not a cadre's: a cadre's settlement line is the cadre's own reports.
 *
 * Which indicators: the job's indicatorId if given, else the campaign's progress setting
 * inspectionIndicatorIds (count indicators the office links to inspection enrolments), or for the roster's
 * closures (source 'roster') rosterIndicatorIds. The credit rows
 * are written by the job; progress_rollup picks them up in the same transaction (trigger).
 */
@Injectable()
export class CreditsService {
  private readonly logger = new Logger(CreditsService.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly completion: JobCompletion,
    private readonly campaigns: CampaignReader,
    private readonly credits: ProgressCreditRepository,
    private readonly org: OrgReader,
    private readonly attainment: TaskAttainment,
  ) {}

  /** The job's work, idempotent: ON CONFLICT (source, source_ref, indicator_id) DO NOTHING. Returns the ids of the credits written now. */
  async record(p: JobPayload<'progress.credit'>, job?: Job): Promise<number[]> {
    if (!isIsoDate(p.on)) throw new Error(`progress.credit ${p.source} ${p.sourceRef}: on must be YYYY-MM-DD, got ${p.on}`);
    if (!Number.isFinite(p.amount) || p.amount <= 0) return []; // rectified with nobody enrolled: nothing to credit
    return this.ds.transaction(async (m) => {
      await this.completion.markDone(job, m); // commits with the credit (or with nothing to credit)
      await lockRollup(m, 'shared');
      const c = await loadCampaign(this.campaigns, m, p.campaignId);
      const indicatorIds = p.indicatorId ? [p.indicatorId] : p.source === 'roster' ? c.settings.rosterIndicatorIds : c.settings.inspectionIndicatorIds;
      if (!indicatorIds.length) {
        this.logger.log(`campaign ${c.id} links no indicator to ${p.source} enrolments: ${p.source} ${p.sourceRef} not credited`);
        return [];
      }
      // wait for a move of the unit in flight, so the credit is counted under its new ancestors
      await this.org.waitForUnitMove(m, p.orgUnitId);
      const rows = await this.credits.insertMany(m, {
        campaignId: c.id,
        campaignUnitId: c.orgUnitId,
        indicatorIds: c.indicators.filter((i) => i.kind === 'count' && indicatorIds.includes(i.id)).map((i) => i.id),
        orgUnitId: p.orgUnitId,
        amount: p.amount,
        on: p.on,
        source: p.source,
        sourceRef: p.sourceRef,
        recordedAt: this.clock.now(),
      });
      const credited = await this.campaigns.liveTaskIdsHeldBy(
        m,
        p.orgUnitId,
        rows.map((r) => r.indicator_id),
      );
      await this.attainment.refresh(m, credited, this.clock.now());
      for (const r of rows) {
        await this.audit.record(m, null, {
          action: 'progress.credit',
          entity: 'progress_credit',
          entityId: r.id,
          orgUnitPath: r.path,
          after: {
            campaignId: c.id,
            indicatorId: r.indicator_id,
            orgUnitId: p.orgUnitId,
            amount: p.amount,
            on: p.on,
            source: p.source,
            sourceRef: p.sourceRef,
          },
        });
      }
      return rows.map((r) => Number(r.id));
    });
  }

  /** A campaign's credits in the caller's scope (or under one unit), newest first. */
  async list(user: AuthUser, q: CreditListQuery): Promise<Page<CreditView>> {
    const scope = await this.scope.listScope(user, q.unitId);
    const items = await this.credits.list(this.ds, q.campaignId, scope, q, q.offset, q.pageSize);
    const n = await this.credits.count(this.ds, q.campaignId, scope);
    if (!items.length && n === 0) await loadCampaign(this.campaigns, this.ds.manager, q.campaignId); // 404 for an unknown campaign
    return pageOf(items, n, q);
  }
}
