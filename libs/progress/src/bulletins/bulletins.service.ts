import {
  AuditService,
  AuthUser,
  Clock,
  DomainError,
  JobCompletion,
  JobHandlers,
  JobPayload,
  OutboxService,
  Page,
  pageOf,
  Role,
  workbookBuffer,
  XlsxFile,
} from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { ScopeService } from '#org';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import ExcelJS from 'exceljs';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignContext, loadCampaign } from '../campaign-context';
import { DashboardService } from '../dashboard/dashboard.service';
import { Dashboard, DashboardIndicator, ProgressRow } from '../dashboard/dashboard.types';
import { BulletinListQuery } from '../dto/progress.dto';
import { addRankingSheet, STATUS_ZH } from '../exports/progress-xlsx';
import { bulletinDatesDue } from '../rules/bulletin-schedule';

export interface BulletinSection {
  indicatorId: number;
  code: string;
  name: string;
  kind: string;
  unit: string | null;
  total: ProgressRow;
  /** The ranking table: every child unit in rank order. */
  ranking: ProgressRow[];
  /** Completed (≥ 100 %) or ahead of the expected rate. */
  praised: ProgressRow[];
  /** Behind the expected rate, with something done. */
  criticised: ProgressRow[];
  /** Nothing done: named separately. */
  zero: ProgressRow[];
}

export interface BulletinContent {
  campaignName: string;
  unitName: string;
  date: string;
  expectedPct: string;
  sections: BulletinSection[];
}

export interface BulletinView {
  id: number;
  campaignId: number;
  unitId: number;
  date: string;
  trigger: string;
  generatedAt: Date;
  content: BulletinContent;
}

/** Splits a dashboard indicator into the bulletin's ranking, praise and criticism (seed 004 / seed 002 通报). */
export function bulletinSection(ind: DashboardIndicator): BulletinSection {
  const ranking = [...ind.rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return {
    indicatorId: ind.indicatorId,
    code: ind.code,
    name: ind.name,
    kind: ind.kind,
    unit: ind.unit,
    total: ind.total,
    ranking,
    praised: ranking.filter((r) => r.status === 'ahead' || (r.rate !== null && r.rate >= 1)),
    criticised: ranking.filter((r) => r.status === 'behind'),
    zero: ranking.filter((r) => r.status === 'zero'),
  };
}

/** Bulletins: generated once per campaign, unit and date by the worker (schedule or office request), stored, exported, announced. */
@Injectable()
export class BulletinsService implements OnModuleInit {
  private readonly logger = new Logger(BulletinsService.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly dashboards: DashboardService,
    private readonly notices: NoticesService,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly completion: JobCompletion,
  ) {}

  onModuleInit(): void {
    this.handlers.register('progress.bulletin', (p, job) => this.generate(p, job));
  }

  /** Schedules only enqueue (worker only: ScheduleModule is not loaded by the api). */
  @Cron('0 */10 * * * *')
  async tick(): Promise<void> {
    try {
      await this.ds.transaction((m) =>
        this.outbox.enqueue(m, 'progress.reconcile', {}, { jobId: `progress-reconcile-${Math.floor(this.clock.now().getTime() / 600000)}` }),
      );
    } catch (e) {
      this.logger.warn(`progress tick not enqueued: ${(e as Error).message}`);
    }
  }

  /**
   * For each active campaign, every bulletin date due by its cadence that has no bulletin yet is enqueued
   * (a worker that was down catches up on each missed date, each dated to its own date with the figures
   * as of that date). The unique key (campaign, unit, date) keeps each one once. Returns what was enqueued.
   */
  async enqueueDue(): Promise<{ campaignId: number; date: string }[]> {
    const today = this.clock.today();
    const campaigns: { id: number; org_unit_id: number }[] = await this.ds.query(`SELECT id, org_unit_id FROM campaign WHERE status = 'active' ORDER BY id`);
    const out: { campaignId: number; date: string }[] = [];
    for (const c of campaigns) {
      const ctx = await loadCampaign(this.ds.manager, c.id);
      const due = bulletinDatesDue(ctx.settings.bulletinCadence, ctx.startsOn, ctx.endsOn, today);
      if (!due.length) continue;
      const done: { date: string }[] = await this.ds.query(
        `SELECT to_char(bulletin_date, 'YYYY-MM-DD') AS date FROM bulletin WHERE campaign_id = $1 AND unit_id = $2 AND bulletin_date = ANY($3::date[])`,
        [c.id, c.org_unit_id, due],
      );
      const have = new Set(done.map((d) => d.date));
      const missing = due.filter((d) => !have.has(d));
      if (!missing.length) continue;
      await this.ds.transaction((m) =>
        this.outbox.enqueueMany(
          m,
          missing.map((date) => ({
            name: 'progress.bulletin' as const,
            payload: { campaignId: c.id, unitId: c.org_unit_id, date, trigger: 'schedule' as const, requestedBy: null },
            opts: { jobId: `bulletin-${c.id}-${c.org_unit_id}-${date}` },
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
    if (d > this.clock.today()) throw DomainError.validation('date', 'must not be in the future');
    const c = await loadCampaign(this.ds.manager, campaignId);
    await this.scope.unitPathInScope(user, c.orgUnitId);
    const [done]: { id: number }[] = await this.ds.query(`SELECT id FROM bulletin WHERE campaign_id = $1 AND unit_id = $2 AND bulletin_date = $3`, [
      c.id,
      c.orgUnitId,
      d,
    ]);
    if (!done) {
      await this.ds.transaction((m) =>
        this.outbox.enqueue(
          m,
          'progress.bulletin',
          { campaignId: c.id, unitId: c.orgUnitId, date: d, trigger: 'manual', requestedBy: user.id },
          { jobId: `bulletin-${c.id}-${c.orgUnitId}-${d}` },
        ),
      );
    }
    return { campaignId: c.id, unitId: c.orgUnitId, date: d, existingId: done?.id ?? null };
  }

  /** The worker's half. Exactly once: the insert is ON CONFLICT DO NOTHING on (campaign, unit, date); notices go only with the row that was inserted. */
  async generate(p: JobPayload<'progress.bulletin'>, job?: Job): Promise<number | null> {
    return this.ds.transaction(async (m) => {
      await this.completion.markDone(job, m); // commits with the bulletin
      const row = await storeBulletin(m, this.dashboards, p, this.clock.now());
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
    const prefix = this.scope.scopePrefix(user);
    const rows = await this.ds.query(
      `SELECT b.id, b.campaign_id AS "campaignId", b.unit_id AS "unitId", to_char(b.bulletin_date, 'YYYY-MM-DD') AS date, b.trigger, b.generated_at AS "generatedAt"
         FROM bulletin b JOIN org_unit o ON o.id = b.unit_id
        WHERE b.campaign_id = $1 AND (o.path LIKE $2 OR $3 LIKE o.path || '%')
        ORDER BY b.bulletin_date DESC, b.id DESC OFFSET $4 LIMIT $5`,
      [q.campaignId, `${prefix}%`, prefix || '/', q.offset, q.pageSize],
    );
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM bulletin b JOIN org_unit o ON o.id = b.unit_id WHERE b.campaign_id = $1 AND (o.path LIKE $2 OR $3 LIKE o.path || '%')`,
      [q.campaignId, `${prefix}%`, prefix || '/'],
    );
    return pageOf(rows, n, q);
  }

  /** A bulletin is readable by the units below its unit (they are named in it) and above it. */
  async get(user: AuthUser, id: number): Promise<BulletinView> {
    const [b]: (BulletinView & { path: string })[] = await this.ds.query(
      `SELECT b.id, b.campaign_id AS "campaignId", b.unit_id AS "unitId", to_char(b.bulletin_date, 'YYYY-MM-DD') AS date, b.trigger,
              b.generated_at AS "generatedAt", b.content, o.path
         FROM bulletin b JOIN org_unit o ON o.id = b.unit_id WHERE b.id = $1`,
      [id],
    );
    if (!b) throw DomainError.notFound('bulletin', id);
    const prefix = this.scope.scopePrefix(user);
    if (!(b.path.startsWith(prefix) || prefix.startsWith(b.path))) throw DomainError.outOfScope();
    const { path: _path, ...view } = b;
    return view;
  }

  async xlsx(user: AuthUser, id: number): Promise<XlsxFile> {
    const b = await this.get(user, id);
    const wb = new ExcelJS.Workbook();
    for (const s of b.content.sections) {
      addRankingSheet(wb, { title: `${s.name}排名`, unitLabel: unitLabel(s.unit), total: s.total, rows: s.ranking }, s.kind === 'ratio');
      const ws = wb.addWorksheet(`${s.name}表扬批评`.slice(0, 31));
      ws.addRow(['类别', '单位', '实际完成', '计划指标', '完成进度', '序时进度', '状态']);
      const add = (label: string, rows: ProgressRow[]) =>
        rows.forEach((r) =>
          ws.addRow([
            label,
            r.name,
            Number(r.actual),
            r.target === null ? null : Number(r.target),
            r.ratePct ? `${r.ratePct}%` : null,
            `${r.expectedPct}%`,
            STATUS_ZH[r.status ?? ''] ?? '',
          ]),
        );
      add('表扬', s.praised);
      add('批评（落后序时进度）', s.criticised);
      add('批评（零完成）', s.zero);
    }
    return { fileName: `bulletin-${b.campaignId}-${b.date}.xlsx`, buffer: await workbookBuffer(wb) };
  }
}

/** Units a bulletin names (praised, criticised, zero). */
export function namedUnits(content: BulletinContent): number[] {
  const ids = new Set<number>();
  for (const s of content.sections) for (const r of [...s.praised, ...s.criticised, ...s.zero]) ids.add(r.unitId);
  return [...ids];
}

/** One notice per manager of each named unit, saying why the unit is named; once per bulletin and user. */
export function bulletinNotices(content: BulletinContent, bulletinId: number, recipients: Map<number, number[]>): NoticeInput[] {
  const named = new Map<number, string[]>();
  for (const s of content.sections) {
    const add = (r: ProgressRow, why: string) =>
      named.set(r.unitId, [...(named.get(r.unitId) ?? []), `${s.name}：${why}（完成 ${r.ratePct ?? '-'}%，序时进度 ${r.expectedPct}%）`]);
    s.praised.forEach((r) => add(r, '表扬'));
    s.criticised.forEach((r) => add(r, '批评：落后序时进度'));
    s.zero.forEach((r) => add(r, '批评：零完成'));
  }
  const out: NoticeInput[] = [];
  for (const [unitId, lines] of named) {
    for (const userId of recipients.get(unitId) ?? []) {
      out.push({
        recipientUserId: userId,
        kind: 'bulletin',
        subject: `${content.campaignName} ${content.date} 进度通报`,
        body: lines.join('\n'),
        link: { entity: 'bulletin', id: String(bulletinId) },
        dedupeKey: `bulletin-${bulletinId}-${userId}`,
      });
    }
  }
  return out;
}

/** Builds the bulletin content and inserts it unless (campaign, unit, date) already has one: { id, content } of the new row, or null. */
export async function storeBulletin(
  m: EntityManager,
  dashboards: { build: (m: EntityManager, campaignId: number, unitId: number, date: string, c?: CampaignContext) => Promise<Dashboard> },
  p: JobPayload<'progress.bulletin'>,
  now: Date,
): Promise<{ id: number; content: BulletinContent } | null> {
  const c = await loadCampaign(m, p.campaignId);
  const dash = await dashboards.build(m, c.id, p.unitId, p.date, c);
  const [unit]: { name: string }[] = await m.query(`SELECT name FROM org_unit WHERE id = $1`, [p.unitId]);
  const content: BulletinContent = {
    campaignName: c.name,
    unitName: unit.name,
    date: p.date,
    expectedPct: dash.expectedPct,
    sections: dash.indicators.map(bulletinSection),
  };
  const [row]: { id: number }[] = await m.query(
    `INSERT INTO bulletin (campaign_id, unit_id, bulletin_date, trigger, requested_by, generated_at, content)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (campaign_id, unit_id, bulletin_date) DO NOTHING RETURNING id`,
    [c.id, p.unitId, p.date, p.trigger, p.requestedBy, now, JSON.stringify(content)],
  );
  return row ? { id: row.id, content } : null;
}

export function unitLabel(unit: string | null): string {
  return unit === 'yuan' ? '元' : unit === 'percent' ? '%' : '人';
}
