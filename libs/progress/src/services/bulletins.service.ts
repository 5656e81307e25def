import { CampaignReader } from '#campaigns';
import {
  AuditService,
  AuthUser,
  Clock,
  DomainError,
  JobCompletion,
  JOB_IDS,
  JobPayload,
  OutboxService,
  Page,
  pageOf,
  Role,
  scopeContains,
  XlsxFile,
} from '#core';
import { NoticesService } from '#notices';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadCampaign } from './campaign-context';
import { DashboardService } from './dashboard.service';
import { BulletinListQuery } from '../dto/progress.dto';
import { BulletinRepository } from '../repositories/bulletin.repository';
import { bulletinDatesDue } from '../rules/bulletin-schedule';
import { BulletinView } from '../dto/bulletin.types';
import { bulletinNotices, namedUnits } from '../rules/bulletin-content';
import { BulletinStore } from './bulletin-store';
import { bulletinWorkbook } from '../exports/bulletin-xlsx';

/** Bulletins: generated once per campaign, unit and date by the worker (schedule or office request), stored, exported, announced. */
@Injectable()
export class BulletinsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly dashboards: DashboardService,
    private readonly notices: NoticesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly completion: JobCompletion,
    private readonly campaigns: CampaignReader,
    private readonly bulletins: BulletinRepository,
    private readonly units: OrgReader,
    private readonly store: BulletinStore,
  ) {}

  /**
   * For each active campaign, every bulletin date due by its cadence that has no bulletin yet is enqueued
   * (a worker that was down catches up on each missed date, each dated to its own date with the figures
   * as of that date). The unique key (campaign, unit, date) keeps each one once. Returns what was enqueued.
   */
  async enqueueDue(): Promise<{ campaignId: number; date: string }[]> {
    const today = this.clock.today();
    const out: { campaignId: number; date: string }[] = [];
    for (const c of await this.campaigns.activeCampaigns(this.ds)) {
      const ctx = await loadCampaign(this.campaigns, this.ds.manager, c.id);
      const due = bulletinDatesDue(ctx.settings.bulletinCadence, ctx.startsOn, ctx.endsOn, today);
      if (!due.length) continue;
      const have = new Set(await this.bulletins.datesDone(this.ds, c.id, c.orgUnitId, due));
      const missing = due.filter((d) => !have.has(d));
      if (!missing.length) continue;
      await this.ds.transaction((m) =>
        this.outbox.enqueueMany(
          m,
          missing.map((date) => ({
            name: 'progress.bulletin' as const,
            payload: { campaignId: c.id, unitId: c.orgUnitId, date, trigger: 'schedule' as const, requestedBy: null },
            opts: { jobId: JOB_IDS.bulletin(c.id, c.orgUnitId, date) },
          })),
        ),
      );
      out.push(...missing.map((date) => ({ campaignId: c.id, date })));
    }
    return out;
  }

  /** The office asks for a bulletin now (for today or a past date); the worker generates it. */
  async request(user: AuthUser, campaignId: number, date?: string): Promise<{ campaignId: number; unitId: number; date: string; existingId: number | null }> {
    const d = this.dashboards.dateOrToday(date);
    if (d > this.clock.today()) throw DomainError.validation('date', '不能晚于今天（must not be in the future）');
    const c = await loadCampaign(this.campaigns, this.ds.manager, campaignId);
    await this.scope.unitPathInScope(user, c.orgUnitId);
    const done = await this.bulletins.idOn(this.ds, c.id, c.orgUnitId, d);
    if (done === undefined) {
      await this.ds.transaction((m) =>
        this.outbox.enqueue(
          m,
          'progress.bulletin',
          { campaignId: c.id, unitId: c.orgUnitId, date: d, trigger: 'manual', requestedBy: user.id },
          { jobId: JOB_IDS.bulletin(c.id, c.orgUnitId, d) },
        ),
      );
    }
    return { campaignId: c.id, unitId: c.orgUnitId, date: d, existingId: done ?? null };
  }

  /** The worker's half. Exactly once: the insert is ON CONFLICT DO NOTHING on (campaign, unit, date); notices go only with the row that was inserted. */
  async generate(p: JobPayload<'progress.bulletin'>, job?: Job): Promise<number | null> {
    return this.ds.transaction(async (m) => {
      await this.completion.markDone(job, m); // commits with the bulletin
      const row = await this.store.store(m, p, this.clock.now());
      if (!row) return null;
      const recipients = new Map<number, number[]>();
      for (const unitId of namedUnits(row.content)) recipients.set(unitId, await this.notices.recipients(m, [unitId], [Role.UnitManager]));
      const notices = bulletinNotices(row.content, row.id, recipients);
      await this.notices.notify(m, notices);
      await this.audit.record(m, null, {
        action: 'bulletin.generate',
        entity: 'bulletin',
        entityId: row.id,
        after: { campaignId: p.campaignId, unitId: p.unitId, date: p.date, trigger: p.trigger },
      });
      return row.id;
    });
  }

  async list(user: AuthUser, q: BulletinListQuery): Promise<Page<Omit<BulletinView, 'content'>>> {
    const scope = this.scope.scopeOf(user);
    const rows = await this.bulletins.list(this.ds, q.campaignId, scope, q, q.offset, q.pageSize);
    const n = await this.bulletins.count(this.ds, q.campaignId, scope);
    return pageOf(rows, n, q);
  }

  /** A bulletin is readable by the units below its unit (they are named in it) and above it. */
  async get(user: AuthUser, id: number): Promise<BulletinView> {
    const b = await this.bulletins.get(this.ds, id);
    if (!b) throw DomainError.notFound('bulletin', id);
    if (!scopeContains(this.scope.scopeOf(user), b.path) && !user.orgUnitPath.startsWith(b.path)) throw DomainError.outOfScope();
    const { path: _path, ...view } = b;
    return view;
  }

  async xlsx(user: AuthUser, id: number): Promise<XlsxFile> {
    return bulletinWorkbook(await this.get(user, id));
  }
}
