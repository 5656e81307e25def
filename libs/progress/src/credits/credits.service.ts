import { AuditService, AuthUser, Clock, isIsoDate, JobCompletion, JobHandlers, JobPayload, lockRollup, Page, pageOf, refreshAttainment } from '#core';
import { ScopeService } from '#org';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadCampaign } from '../campaign-context';
import { CreditListQuery } from '../dto/progress.dto';

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
 * inspectionIndicatorIds (count indicators the office links to inspection enrolments). The credit rows
 * are written by the job; progress_rollup picks them up in the same transaction (trigger).
 */
@Injectable()
export class CreditsService implements OnModuleInit {
  private readonly logger = new Logger(CreditsService.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly handlers: JobHandlers,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly completion: JobCompletion,
  ) {}

  onModuleInit(): void {
    this.handlers.register('progress.credit', (p, job) => this.record(p, job));
  }

  /** The job's work, idempotent: ON CONFLICT (source, source_ref, indicator_id) DO NOTHING. Returns the ids of the credits written now. */
  async record(p: JobPayload<'progress.credit'>, job?: Job): Promise<number[]> {
    if (!isIsoDate(p.on)) throw new Error(`progress.credit ${p.source} ${p.sourceRef}: on must be YYYY-MM-DD, got ${p.on}`);
    if (!Number.isFinite(p.amount) || p.amount <= 0) return []; // rectified with nobody enrolled: nothing to credit
    return this.ds.transaction(async (m) => {
      await this.completion.markDone(job, m); // commits with the credit (or with nothing to credit)
      await lockRollup(m, 'shared');
      const c = await loadCampaign(m, p.campaignId);
      const indicatorIds = p.indicatorId ? [p.indicatorId] : c.settings.inspectionIndicatorIds;
      if (!indicatorIds.length) {
        this.logger.log(`campaign ${c.id} links no indicator to inspection enrolments: ${p.source} ${p.sourceRef} not credited`);
        return [];
      }
      // wait for a move of the unit in flight, so the credit is counted under its new ancestors
      await m.query(`SELECT 1 FROM org_unit WHERE id = $1 FOR SHARE`, [p.orgUnitId]);
      const rows: { id: string; indicator_id: number; path: string }[] = await m.query(
        `INSERT INTO progress_credit (campaign_id, indicator_id, org_unit_id, amount, credited_on, source, source_ref, counted_path, recorded_at)
         SELECT $1, i.id, o.id, $4, $5, $6, $7, o.path, $8
           FROM indicator i, org_unit o, campaign c JOIN org_unit cu ON cu.id = c.org_unit_id
          WHERE c.id = $1 AND i.campaign_id = $1 AND i.kind = 'count' AND i.id = ANY($2::int[]) AND o.id = $3 AND o.path LIKE cu.path || '%'
          ORDER BY i.id
         ON CONFLICT (source, source_ref, indicator_id) DO NOTHING
         RETURNING id, indicator_id, counted_path AS path`,
        [c.id, indicatorIds, p.orgUnitId, p.amount, p.on, p.source, p.sourceRef, this.clock.now()],
      );
      const credited: { id: number }[] = await m.query(
        `SELECT id FROM task WHERE holder_unit_id = $1 AND indicator_id = ANY($2::int[]) AND withdrawn_at IS NULL`,
        [p.orgUnitId, rows.map((r) => r.indicator_id)],
      );
      await refreshAttainment(
        m,
        credited.map((t) => t.id),
        this.clock.now(),
      );
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
    const prefix = q.unitId ? await this.scope.unitPathInScope(user, q.unitId) : this.scope.scopePrefix(user);
    const where = `c.campaign_id = $1 AND c.counted_path LIKE $2`;
    const items: CreditView[] = await this.ds.query(
      `SELECT c.id::int AS id, c.campaign_id AS "campaignId", c.indicator_id AS "indicatorId", c.org_unit_id AS "orgUnitId", o.name AS "unitName",
              c.amount::text AS amount, to_char(c.credited_on, 'YYYY-MM-DD') AS "on", c.source, c.source_ref AS "sourceRef", c.recorded_at AS "recordedAt"
         FROM progress_credit c JOIN org_unit o ON o.id = c.org_unit_id
        WHERE ${where} ORDER BY c.credited_on DESC, c.id DESC OFFSET $3 LIMIT $4`,
      [q.campaignId, `${prefix}%`, q.offset, q.pageSize],
    );
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM progress_credit c WHERE ${where}`, [q.campaignId, `${prefix}%`]);
    if (!items.length && n === 0) await loadCampaign(this.ds.manager, q.campaignId); // 404 for an unknown campaign
    return pageOf(items, n, q);
  }
}
