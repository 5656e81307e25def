import { AuditService, AuthUser, Clock, DomainError, Page, pageOf, pathInScope, Role } from '#core';
import { NoticesService } from '#notices';
import { ScopeService } from '#org';
import { EMPLOYER_GONE_OUTCOMES } from '#registry';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, EntityManager } from 'typeorm';
import { CandidateQuery, CutoffRunQuery } from './dto/escalation.dto';
import { Cutoff, cutoffsInWindow, dueCutoffs } from './rules/cutoffs';
import { EscalationSettings, escalationSettings } from './rules/escalation-settings';

const GONE = EMPLOYER_GONE_OUTCOMES.map((o) => `'${o}'`).join(',');

export interface CampaignEscalation {
  id: number;
  orgUnitId: number;
  orgUnitPath: string;
  status: string;
  settings: EscalationSettings;
}

export interface CandidateRow {
  employerId: number;
  uscc: string;
  name: string;
  address: string | null;
  districtId: number;
  districtName: string;
  townId: number | null;
  townName: string | null;
  uninsuredCount: number;
  refusalCount: number;
  lastVisitAt: Date | null;
  cadreId: number | null;
  cadreName: string | null;
}

export interface CutoffRunRow {
  id: number;
  campaignId: number;
  districtId: number;
  districtName: string;
  cutoffDate: string;
  cutoffAt: Date;
  trigger: 'schedule' | 'manual';
  ranAt: Date;
  entryCount: number;
}

const RUNNER = `${hostname()}:${process.pid}`;

/** Reads a campaign and its escalation settings (defaults where a setting is missing). */
export async function loadCampaignEscalation(m: EntityManager, campaignId: number): Promise<CampaignEscalation> {
  const rows: { id: number; org_unit_id: number; path: string; status: string; settings: unknown; starts_on: string; ends_on: string }[] = await m.query(
    `SELECT c.id, c.org_unit_id, u.path, c.status, c.settings, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on
       FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = $1`,
    [campaignId],
  );
  if (!rows.length) throw DomainError.notFound('campaign', campaignId);
  const r = rows[0];
  return { id: r.id, orgUnitId: r.org_unit_id, orgUnitPath: r.path, status: r.status, settings: escalationSettings(r.settings, r.starts_on, r.ends_on) };
}

/** Every cutoff of a campaign, over all its escalation windows, in order. */
export function campaignCutoffs(campaign: CampaignEscalation): Cutoff[] {
  return campaign.settings.calendars.flatMap((cal) => cutoffsInWindow(cal));
}

/** The cutoff of a campaign on a date; 400 when the date is not one. */
export function campaignCutoffOn(campaign: CampaignEscalation, date: string): Cutoff {
  const cutoff = campaignCutoffs(campaign).find((c) => c.date === date);
  if (!cutoff)
    throw DomainError.validation('cutoffDate', `${date} is not a cutoff date (10th, 20th, 30th / last day of February) inside the escalation window`);
  return cutoff;
}

/**
 * The candidate employers of a campaign under a unit path, as of an instant: at least `threshold` visits
 * ending in refusal by then, no enrolment visit by then, not enrolled by then (through a case rectified by
 * then, or a status set by then), not gone by then (its latest visit by then found it deregistered, moved
 * away or not found: EMPLOYER_GONE_OUTCOMES), and not in an inspection case that was open at that instant. A cutoff run
 * late (a worker was down) therefore freezes what was true at the cutoff, not what is true when it runs.
 * Each row carries its district and town (ancestors by path).
 */
export async function candidatesAsOf(
  m: EntityManager,
  campaignId: number,
  unitPath: string,
  asOf: Date,
  threshold: number,
  page?: { limit: number; offset: number },
): Promise<{ rows: CandidateRow[]; total: number }> {
  const params: unknown[] = [campaignId, unitPath, asOf, threshold];
  const base = `
    FROM registry_employer e
    JOIN LATERAL (
      SELECT count(*) FILTER (WHERE v.outcome = 'refused')::int AS refusals,
             count(*) FILTER (WHERE v.outcome = 'enrolled')::int AS enrolments,
             max(v.visited_at) AS last_visit_at,
             (array_agg(v.outcome ORDER BY v.visited_at DESC, v.id DESC))[1] AS last_outcome
        FROM registry_visit v WHERE v.employer_id = e.id AND v.visited_at <= $3) r ON true
    JOIN org_unit d ON d.level = 'district' AND e.org_unit_path LIKE d.path || '%'
    WHERE e.campaign_id = $1 AND e.org_unit_path LIKE $2 || '%'
      AND r.refusals >= $4 AND r.enrolments = 0 AND r.last_outcome NOT IN (${GONE})
      AND NOT (e.status = 'enrolled' AND e.updated_at <= $3)
      AND NOT EXISTS (SELECT 1 FROM inspection_case c
                       WHERE c.employer_id = e.id AND c.opened_at <= $3
                         AND (c.closed_at IS NULL OR c.closed_at > $3 OR c.resolution = 'rectified'))`;
  let limit = '';
  if (page) {
    params.push(page.limit, page.offset);
    limit = `LIMIT $5 OFFSET $6`;
  }
  const rows: CandidateRow[] = await m.query(
    `SELECT e.id::int AS "employerId", e.uscc, e.name, e.address, d.id AS "districtId", d.name AS "districtName",
            t.id AS "townId", t.name AS "townName", e.uninsured_count AS "uninsuredCount", r.refusals AS "refusalCount",
            r.last_visit_at AS "lastVisitAt", e.cadre_id AS "cadreId", cu.display_name AS "cadreName"
     ${base.replace('WHERE e.campaign_id', "LEFT JOIN app_user cu ON cu.id = e.cadre_id\n    LEFT JOIN LATERAL (SELECT id, name FROM org_unit t WHERE t.level = 'town' AND e.org_unit_path LIKE t.path || '%' LIMIT 1) t ON true\n    WHERE e.campaign_id")}
     ORDER BY d.path, r.refusals DESC, e.id ${limit}`,
    params,
  );
  const total = page ? (await m.query(`SELECT count(*)::int AS n ${base}`, params.slice(0, 4)))[0].n : rows.length;
  return { rows, total };
}

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
    private readonly scope: ScopeService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
  ) {}

  async candidates(user: AuthUser, q: CandidateQuery): Promise<Page<CandidateRow> & { refusalThreshold: number; asOf: Date }> {
    const campaign = await loadCampaignEscalation(this.dataSource.manager, q.campaignId);
    const unitPath = q.unitId ? await this.scope.unitPathInScope(user, q.unitId) : user.seesAll ? campaign.orgUnitPath : user.orgUnitPath;
    const asOf = this.clock.now();
    const { rows, total } = await candidatesAsOf(this.dataSource.manager, campaign.id, unitPath, asOf, campaign.settings.refusalThreshold, {
      limit: q.pageSize,
      offset: q.offset,
    });
    return { ...pageOf(rows, total, q), refusalThreshold: campaign.settings.refusalThreshold, asOf };
  }

  /** Districts whose candidates form a submission: district-level units at, under or above the campaign's unit. */
  private async districts(m: EntityManager, campaign: CampaignEscalation): Promise<{ id: number; path: string; name: string }[]> {
    return m.query(`SELECT id, path, name FROM org_unit WHERE level = 'district' AND active AND (path LIKE $1 || '%' OR $1 LIKE path || '%') ORDER BY path`, [
      campaign.orgUnitPath,
    ]);
  }

  /**
   * Runs every cutoff that is due as of Clock.now() and not yet done, for every active campaign with an
   * escalation window. Safe to run from any number of workers at once, late, or repeatedly.
   */
  async reconcile(): Promise<{ runs: number }> {
    const now = this.clock.now();
    const campaigns: { id: number }[] = await this.dataSource.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id`);
    let runs = 0;
    for (const { id } of campaigns) {
      const campaign = await loadCampaignEscalation(this.dataSource.manager, id);
      if (!campaign.settings.calendars.length) continue;
      const districts = await this.districts(this.dataSource.manager, campaign);
      if (!districts.length) continue;
      // A cutoff is done when every district has its run.
      const done: { d: string }[] = await this.dataSource.query(
        `SELECT to_char(cutoff_date, 'YYYY-MM-DD') AS d FROM cutoff_run WHERE campaign_id = $1 AND district_id = ANY($2::int[])
          GROUP BY cutoff_date HAVING count(*) >= $3`,
        [campaign.id, districts.map((d) => d.id), districts.length],
      );
      const due = campaign.settings.calendars.flatMap((cal) =>
        dueCutoffs(
          cal,
          now,
          done.map((r) => r.d),
        ),
      );
      for (const cutoff of due) {
        runs += (await this.runCutoff(campaign, cutoff, 'schedule', null)).created;
      }
    }
    return { runs };
  }

  /** The office triggers a cutoff by hand (e.g. after an outage); idempotent: a cutoff that already ran is not run again. */
  async triggerByHand(user: AuthUser, campaignId: number, cutoffDate: string): Promise<{ created: number; runs: CutoffRunRow[] }> {
    const campaign = await loadCampaignEscalation(this.dataSource.manager, campaignId);
    await this.scope.unitPathInScope(user, campaign.orgUnitId);
    const cutoff = campaignCutoffOn(campaign, cutoffDate);
    if (cutoff.at.getTime() > this.clock.now().getTime()) {
      throw DomainError.invalidState(`cutoff ${cutoffDate} is at ${cutoff.at.toISOString()}: it cannot be run before it is due`);
    }
    const { created } = await this.runCutoff(campaign, cutoff, 'manual', user);
    const runs = await this.runRows(`r.campaign_id = $1 AND r.cutoff_at = $2`, [campaign.id, cutoff.at]);
    return { created, runs };
  }

  /** Each district in its own transaction: the run row and its frozen entries commit together, or not at all. */
  private async runCutoff(campaign: CampaignEscalation, cutoff: Cutoff, trigger: 'schedule' | 'manual', user: AuthUser | null): Promise<{ created: number }> {
    const districts = await this.districts(this.dataSource.manager, campaign);
    let created = 0;
    for (const district of districts) {
      const made = await this.dataSource.transaction(async (m) => {
        const [run]: { id: string }[] = await m.query(
          `INSERT INTO cutoff_run (campaign_id, district_id, district_path, cutoff_date, cutoff_at, trigger, triggered_by, ran_at, runner, entry_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)
           ON CONFLICT (campaign_id, district_id, cutoff_at) DO NOTHING RETURNING id`,
          [campaign.id, district.id, district.path, cutoff.date, cutoff.at, trigger, user?.id ?? null, this.clock.now(), RUNNER],
        );
        if (!run) return false;
        // Frozen as of the cutoff instant, even when the run is late.
        const { rows } = await candidatesAsOf(m, campaign.id, district.path, cutoff.at, campaign.settings.refusalThreshold);
        if (rows.length) {
          await m.query(
            `INSERT INTO cutoff_submission_entry (cutoff_run_id, employer_id, town_id, refusal_count, uninsured_count, last_visit_at, cadre_id)
             SELECT $1, x."employerId", x."townId", x."refusalCount", x."uninsuredCount", x."lastVisitAt", x."cadreId"
               FROM jsonb_to_recordset($2::jsonb) AS x("employerId" bigint, "townId" int, "refusalCount" int, "uninsuredCount" int, "lastVisitAt" timestamptz, "cadreId" int)`,
            [run.id, JSON.stringify(rows)],
          );
        }
        await m.query(`UPDATE cutoff_run SET entry_count = $2 WHERE id = $1`, [run.id, rows.length]);
        await this.audit.record(m, user, {
          action: 'cutoff.run',
          entity: 'cutoff_run',
          entityId: run.id,
          orgUnitPath: district.path,
          after: { campaignId: campaign.id, districtId: district.id, cutoffDate: cutoff.date, trigger, entryCount: rows.length },
        });
        const office = await this.notices.recipients(m, [campaign.orgUnitId], [Role.Office]);
        await this.notices.notify(
          m,
          office.map((uid) => ({
            recipientUserId: uid,
            kind: 'escalation.submission',
            subject: `${district.name} ${cutoff.date} 拒不参保用人单位报送（${rows.length} 家）`,
            body: `${district.name}截至 ${cutoff.date} 的拒不参保用人单位名单已报送办公室，共 ${rows.length} 家。`,
            link: { entity: 'cutoff_run', id: run.id },
            dedupeKey: `escalation-submission-${run.id}-${uid}`,
          })),
        );
        return true;
      });
      if (made) created++;
    }
    if (created) this.logger.log(`cutoff ${cutoff.date} of campaign ${campaign.id}: ${created} district submission(s) (${trigger})`);
    return { created };
  }

  private runRows(where: string, params: unknown[], limit = ''): Promise<CutoffRunRow[]> {
    return this.dataSource.query(
      `SELECT r.id::int, r.campaign_id AS "campaignId", r.district_id AS "districtId", d.name AS "districtName",
              to_char(r.cutoff_date, 'YYYY-MM-DD') AS "cutoffDate", r.cutoff_at AS "cutoffAt", r.trigger, r.ran_at AS "ranAt", r.entry_count AS "entryCount"
         FROM cutoff_run r JOIN org_unit d ON d.id = r.district_id WHERE ${where} ORDER BY r.cutoff_at DESC, d.path ${limit}`,
      params,
    );
  }

  /** Submissions in the caller's scope (a district sees its own, the office all). */
  async listRuns(user: AuthUser, q: CutoffRunQuery): Promise<Page<CutoffRunRow>> {
    const params: unknown[] = [q.campaignId, user.seesAll ? '' : user.orgUnitPath];
    // The office sees every district under it; a district user sees its own.
    let where = `r.campaign_id = $1 AND r.district_path LIKE $2 || '%'`;
    if (q.cutoffDate) {
      params.push(q.cutoffDate);
      where += ` AND r.cutoff_date = $${params.length}`;
    }
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM cutoff_run r WHERE ${where}`, params);
    const items = await this.runRows(where, [...params, q.pageSize, q.offset], `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`);
    return pageOf(items, n, q);
  }

  /** One submission with its frozen entries. */
  async getRun(user: AuthUser, id: number): Promise<CutoffRunRow & { entries: unknown[] }> {
    const [run] = await this.runRows(`r.id = $1`, [id]);
    if (!run) throw DomainError.notFound('cutoff run', id);
    const [{ path }] = await this.dataSource.query(`SELECT district_path AS path FROM cutoff_run WHERE id = $1`, [id]);
    if (!pathInScope(user, path)) throw DomainError.outOfScope(`cutoff run ${id} belongs to another district`);
    const entries = await this.dataSource.query(
      `SELECT s.employer_id::int AS "employerId", e.uscc, e.name, t.name AS "townName", s.uninsured_count AS "uninsuredCount",
              s.refusal_count AS "refusalCount", s.last_visit_at AS "lastVisitAt", u.display_name AS "cadreName"
         FROM cutoff_submission_entry s JOIN registry_employer e ON e.id = s.employer_id
         LEFT JOIN org_unit t ON t.id = s.town_id LEFT JOIN app_user u ON u.id = s.cadre_id
        WHERE s.cutoff_run_id = $1 ORDER BY s.refusal_count DESC, s.employer_id`,
      [id],
    );
    return { ...run, entries };
  }
}
