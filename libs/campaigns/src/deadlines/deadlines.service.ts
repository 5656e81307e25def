import { Clock, JobHandlers, OutboxService, refreshAttainment, Role } from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Interval, SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, EntityManager } from 'typeorm';
import { readCampaignSettings } from '../settings/read-settings';
import { planDeadlineEvents } from '../rules/deadline-events';
import { daysLeftText, dueReminder, ReminderSkip } from '../rules/late-reminders';

/**
 * Deadline enforcement. Mechanism, and why:
 * - The database decides. Each reminder and each overdue transition of a task is a row of task_deadline_event
 *   (UNIQUE (task_id, key)), written in the transaction that creates the task or changes its deadline. A changed
 *   deadline bumps task.deadline_version, cancels the old version's pending rows and writes new ones, so an old
 *   job can never act: whatever runs only acts on rows that are due, not done and not cancelled.
 * - The reconciler claims due rows with FOR UPDATE SKIP LOCKED, does the work (status change, notices through
 *   the notice outbox) and stamps done_at in the same transaction: with several workers each row is done by one,
 *   once; a crash before commit leaves the row for the next run.
 * - What triggers the reconciler does not matter for correctness: a delayed BullMQ job per event (punctual), a
 *   30 s tick and a run at worker start (catch-up after a worker or Redis outage: delayed jobs lost with Redis,
 *   or never run while the worker was down, are covered because the rows are still due). Delayed jobs go through
 *   the transactional outbox, so none exists for a rolled-back change, and a Redis restart loses none before relay.
 * - A reminder run late says only what is still true (issue 13 §5, late-reminders.ts): once its date is over it is
 *   recorded as skipped (skip_reason 'passed') and the overdue notice, which names the deadline, speaks instead;
 *   one still ahead states the days truly left, and an earlier one due with it gives way ('superseded').
 * - Time is Clock.now(): tests move a FakeClock and call reconcile().
 */
@Injectable()
export class DeadlinesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlinesService.name);
  private readonly me = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private isWorker = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly notices: NoticesService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.handlers.register('deadlines.reconcile', () => this.reconcile());
  }

  /** In the worker (the only process with schedules and processors): catch up on start. */
  onApplicationBootstrap(): void {
    // Only the worker imports ScheduleModule: the api neither ticks nor catches up.
    try {
      this.isWorker = !!this.moduleRef.get(SchedulerRegistry, { strict: false });
    } catch {
      this.isWorker = false;
    }
    if (!this.isWorker) return;
    void this.sweepAttainment()
      .then(() => this.reconcile())
      .catch((e: Error) => this.logger.error(`start-up reconcile failed: ${e.message}`));
  }

  /** A tick, in the worker only (ScheduleModule is imported there): judges what writers skipped, runs what is due. */
  @Interval('deadlines-reconcile', 30_000)
  async tick(): Promise<void> {
    if (!this.isWorker) return;
    await this.sweepAttainment()
      .then(() => this.reconcile())
      .catch((e: Error) => this.logger.error(`reconcile failed: ${e.message}`));
  }

  /**
   * (Re)plans a task's events in the caller's transaction: cancels pending rows of older deadline versions and
   * inserts the current version's (idempotent). The task row must already hold the new deadline and version.
   */
  async schedule(m: EntityManager, taskIds: number[]): Promise<void> {
    if (!taskIds.length) return;
    const now = this.clock.now();
    await m.query(
      `UPDATE task_deadline_event e SET cancelled_at = $2 FROM task t
        WHERE e.task_id = t.id AND t.id = ANY($1::int[]) AND e.done_at IS NULL AND e.cancelled_at IS NULL
          AND (e.deadline_version <> t.deadline_version OR t.withdrawn_at IS NOT NULL)`,
      [taskIds, now],
    );
    const tasks: {
      id: number;
      deadline: string;
      deadline_version: number;
      settings: unknown;
      campaign_id: number;
      withdrawn: boolean;
      status: string;
    }[] = await m.query(
      `SELECT t.id, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.deadline_version, c.settings, c.id AS campaign_id, t.withdrawn_at IS NOT NULL AS withdrawn, t.status
         FROM task t JOIN campaign c ON c.id = t.campaign_id WHERE t.id = ANY($1::int[])`,
      [taskIds],
    );
    const milestonesByCampaign = new Map<number, string[]>();
    for (const t of tasks) {
      if (t.withdrawn || t.status === 'completed') continue;
      if (!milestonesByCampaign.has(t.campaign_id)) {
        const rows: { d: string }[] = await m.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS d FROM campaign_milestone WHERE campaign_id = $1`, [
          t.campaign_id,
        ]);
        milestonesByCampaign.set(
          t.campaign_id,
          rows.map((r) => r.d),
        );
      }
      const settings = readCampaignSettings(t.settings);
      const plan = planDeadlineEvents(
        t.deadline,
        t.deadline_version,
        milestonesByCampaign.get(t.campaign_id)!,
        settings.deadlines.reminderOffsetsDays,
        now,
        settings.notices.reminderTime,
      );
      for (const e of plan) {
        // a pending event planned again moves to the planned instant (the campaign's reminder time changed) and
        // comes back if a settings change had cancelled it; a done one stays as it was
        const inserted: unknown[] = await m.query(
          `INSERT INTO task_deadline_event (task_id, kind, key, target_date, offset_days, due_at, deadline_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (task_id, key) DO UPDATE SET due_at = EXCLUDED.due_at, cancelled_at = NULL
            WHERE task_deadline_event.done_at IS NULL AND (task_deadline_event.due_at <> EXCLUDED.due_at OR task_deadline_event.cancelled_at IS NOT NULL)
           RETURNING id`,
          [t.id, e.kind, e.key, e.targetDate, e.offsetDays, e.dueAt, t.deadline_version],
        );
        // A delayed job is only a wake-up call at the due instant (the 30 s tick runs what is due anyway); the row decides (see the class comment).
        if (inserted.length)
          await this.outbox.enqueue(
            m,
            'deadlines.reconcile',
            { reason: `task ${t.id} ${e.key}` },
            { jobId: `deadline-${t.id}-${e.key}-${e.dueAt.getTime()}`, runAt: e.dueAt },
          );
      }
    }
  }

  /**
   * After the campaign's reminder offsets or time of day changed: its live tasks' pending reminders follow.
   * Reminders of an offset no longer set are cancelled; the others move to the new time; new offsets are planned.
   */
  async replanReminders(m: EntityManager, campaignId: number, offsets: number[]): Promise<void> {
    await m.query(
      `UPDATE task_deadline_event e SET cancelled_at = $3 FROM task t
        WHERE e.task_id = t.id AND t.campaign_id = $1 AND e.kind = 'reminder' AND e.done_at IS NULL AND e.cancelled_at IS NULL
          AND NOT (e.offset_days = ANY($2::int[]))`,
      [campaignId, offsets, this.clock.now()],
    );
    const live: { id: number }[] = await m.query(`SELECT id FROM task WHERE campaign_id = $1 AND withdrawn_at IS NULL AND status <> 'completed' ORDER BY id`, [
      campaignId,
    ]);
    await this.schedule(
      m,
      live.map((t) => t.id),
    );
  }

  /** Does every due, pending event once; returns how many this call did. Safe to run anywhere, any number of times at once. */
  async reconcile(): Promise<number> {
    let done = 0;
    for (;;) {
      const n = await this.dataSource.transaction((m) => this.runBatch(m));
      done += n;
      if (n === 0) return done;
    }
  }

  /**
   * Catch-up for figures whose writer could not judge a task (it skipped a row another transaction held, or a
   * unit moved): one set-based pass over the live tasks of active campaigns, locking only tasks whose status
   * changes, skipping locked ones. On the worker's start and tick only, not per delayed job (a burst of due
   * events would repeat it); an overdue event judges its own task anyway. Answers how many tasks changed.
   */
  async sweepAttainment(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: number }[] = await m.query(
        `SELECT t.id FROM task t JOIN campaign c ON c.id = t.campaign_id WHERE c.status = 'active' AND t.withdrawn_at IS NULL AND t.status <> 'completed'`,
      );
      return refreshAttainment(
        m,
        rows.map((r) => r.id),
        this.clock.now(),
      );
    });
  }

  /**
   * Lock order (issue 12 §7): an event is claimed together with its task row, both FOR UPDATE SKIP LOCKED, so the
   * reconciler never waits for a task lock (an approval holds its tasks and then cancels their events): a task
   * some other transaction holds keeps its events pending for the next batch or run.
   */
  private async runBatch(m: EntityManager): Promise<number> {
    const now = this.clock.now();
    const events: {
      id: string;
      task_id: number;
      kind: 'reminder' | 'overdue';
      key: string;
      target_date: string;
      offset_days: number;
      deadline_version: number;
      due_at: Date;
    }[] = await m.query(
      `SELECT e.id, e.task_id, e.kind, e.key, to_char(e.target_date, 'YYYY-MM-DD') AS target_date, e.offset_days, e.deadline_version, e.due_at
         FROM task_deadline_event e JOIN task t ON t.id = e.task_id
        WHERE e.due_at <= $1 AND e.done_at IS NULL AND e.cancelled_at IS NULL
        ORDER BY e.due_at, e.id LIMIT 50 FOR UPDATE OF e, t SKIP LOCKED`,
      [now],
    );
    for (const e of events) {
      const t = await this.task(m, e.task_id);
      if (t.withdrawn_at || t.deadline_version !== e.deadline_version) {
        await m.query(`UPDATE task_deadline_event SET cancelled_at = $2 WHERE id = $1`, [e.id, now]);
        continue;
      }
      let skip: ReminderSkip | null = null;
      if (e.kind === 'reminder') {
        skip = await this.remind(m, t, e, now);
      } else if (t.status !== 'completed') {
        // Overdue means unmet at the deadline: judge the figure first; a met task (on time or late) gets no escalation.
        await refreshAttainment(m, [t.id], now);
        // (an already overdue task whose deadline moved is told again for the new deadline, as before)
        const { status } = await this.task(m, t.id);
        if (status === 'open' || status === 'overdue') await this.markOverdue(m, t, now);
        // spared because met: opened again by the attainment refresh should the task fall below its target later
        else if (status === 'met') skip = 'met';
      }
      await m.query(`UPDATE task_deadline_event SET done_at = $2, done_by = $3, skip_reason = $4 WHERE id = $1`, [e.id, now, this.me, skip]);
    }
    return events.length;
  }

  /** A task the batch holds locked. */
  private async task(m: EntityManager, id: number): Promise<TaskRow> {
    const [t]: TaskRow[] = await m.query(
      `SELECT t.id, t.campaign_id, t.holder_unit_id, t.holder_user_id, t.parent_task_id, t.status, t.deadline_version, t.withdrawn_at, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
              t.target::text AS target, i.name AS indicator_name, u.name AS holder_name, c.name AS campaign_name, c.org_unit_id AS campaign_unit_id,
              p.holder_unit_id AS parent_holder_unit_id
         FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit u ON u.id = t.holder_unit_id JOIN campaign c ON c.id = t.campaign_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.id = $1`,
      [id],
    );
    return t;
  }

  /**
   * Sends a due reminder, or answers why not (issue 13 §5, dueReminder): the task is met, the reminder's date is
   * already over (a catch-up after the workers were down), or a later reminder for that date is due too. A late
   * reminder states the days truly left, not the planned offset.
   */
  private async remind(m: EntityManager, t: TaskRow, e: DueReminderRow, now: Date): Promise<ReminderSkip | null> {
    // a met task needs no "please push on"
    if (t.status !== 'open' && t.status !== 'overdue') return 'met';
    const [{ later }]: { later: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM task_deadline_event WHERE task_id = $1 AND kind = 'reminder' AND target_date = $2 AND deadline_version = $3
                         AND cancelled_at IS NULL AND due_at > $4 AND due_at <= $5) AS later`,
      [t.id, e.target_date, e.deadline_version, e.due_at, now],
    );
    const verdict = dueReminder(e.target_date, now, later);
    if ('skip' in verdict) return verdict.skip;
    const milestone = e.key.startsWith('reminder-milestone');
    const what = milestone ? `序时进度节点 ${e.target_date}` : `完成时限 ${e.target_date}`;
    const left = daysLeftText(what, verdict.daysLeft);
    const users = await this.holders(m, t);
    // The notice key leaves out the deadline version: a re-planned reminder for the same date and offset is not sent twice.
    const base = `task-${t.id}-${milestone ? 'milestone' : 'deadline'}-${e.target_date}-${e.offset_days}`;
    await this.notices.notify(
      m,
      users.map<NoticeInput>((u) => ({
        recipientUserId: u,
        kind: 'task.reminder',
        subject: `任务提醒：${left}`,
        body: `${t.campaign_name}：${t.holder_name}的“${t.indicator_name}”任务（目标 ${t.target}）${left}，请抓紧推进。`,
        link: { entity: 'task', id: t.id },
        dedupeKey: `${base}-u${u}`,
      })),
    );
    return null;
  }

  /** Who answers for a task: the cadre holding a cadre's share, else the holder unit's managers. */
  private holders(m: EntityManager, t: TaskRow): Promise<number[]> {
    return t.holder_user_id ? Promise.resolve([t.holder_user_id]) : this.notices.recipients(m, [t.holder_unit_id], [Role.UnitManager]);
  }

  private async markOverdue(m: EntityManager, t: TaskRow, now: Date): Promise<void> {
    await m.query(`UPDATE task SET status = 'overdue', overdue_at = $2, updated_at = $2 WHERE id = $1 AND status = 'open'`, [t.id, now]);
    const holders = await this.holders(m, t);
    // Escalation: the unit that allocated the task (the campaign's own unit for a top-level task) and the office.
    const parentUnit = t.parent_holder_unit_id ?? t.campaign_unit_id;
    const managers = await this.notices.recipients(m, [parentUnit], [Role.UnitManager, Role.Leader]);
    const officeRows: { user_id: number }[] = await m.query(
      `SELECT user_id FROM campaign_member WHERE campaign_id = $1 AND body = 'office'
       UNION SELECT id FROM app_user WHERE active AND org_unit_id = $2 AND 'office' = ANY(roles)`,
      [t.campaign_id, t.campaign_unit_id],
    );
    const escalate = [...new Set([...managers, ...officeRows.map((r) => r.user_id)])].filter((u) => !holders.includes(u));
    const key = `task-${t.id}-overdue-${t.deadline}`;
    await this.notices.notify(m, [
      ...holders.map<NoticeInput>((u) => ({
        recipientUserId: u,
        kind: 'task.overdue',
        subject: `任务逾期：${t.indicator_name}（完成时限 ${t.deadline}）`,
        body: `${t.campaign_name}：${t.holder_name}的“${t.indicator_name}”任务（目标 ${t.target}）已超过完成时限 ${t.deadline} 未完成。`,
        link: { entity: 'task', id: t.id },
        dedupeKey: `${key}-u${u}`,
      })),
      ...escalate.map<NoticeInput>((u) => ({
        recipientUserId: u,
        kind: 'task.escalation',
        subject: `逾期督办：${t.holder_name} ${t.indicator_name}（完成时限 ${t.deadline}）`,
        body: `${t.campaign_name}：${t.holder_name}的“${t.indicator_name}”任务（目标 ${t.target}）已超过完成时限 ${t.deadline} 未完成，请督促落实。`,
        link: { entity: 'task', id: t.id },
        dedupeKey: `${key}-escalation-u${u}`,
      })),
    ]);
  }
}

interface TaskRow {
  id: number;
  campaign_id: number;
  holder_unit_id: number;
  holder_user_id: number | null;
  parent_task_id: number | null;
  status: string;
  deadline_version: number;
  withdrawn_at: Date | null;
  deadline: string;
  target: string;
  indicator_name: string;
  holder_name: string;
  campaign_name: string;
  campaign_unit_id: number;
  parent_holder_unit_id: number | null;
}

interface DueReminderRow {
  key: string;
  target_date: string;
  offset_days: number;
  deadline_version: number;
  due_at: Date;
}
