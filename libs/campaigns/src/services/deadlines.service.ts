import { Clock, JOB_IDS, OutboxService, Role, WorkingCalendar } from '#core';
import { NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, EntityManager } from 'typeorm';
import { DutyDeadlines } from '../duties/duty-deadlines';
import { LandDeadlines } from '../land/land-deadlines';
import { CampaignRepository } from '../repositories/campaign.repository';
import { DeadlineEventRepository, DueEventRow } from '../repositories/deadline-event.repository';
import { TaskAttainment } from '../repositories/task-attainment.repository';
import { EventTaskRow, TaskRepository } from '../repositories/task.repository';
import { escalationRecipients, overdueNotices, reminderNotices, reminderSubject } from '../rules/deadline-notices';
import { planDeadlineEvents } from '../rules/deadline-events';
import { daysLeftText, dueReminder, ReminderSkip } from '../rules/late-reminders';
import { readCampaignSettings } from '../rules/read-settings';

/**
 * Deadline enforcement. Mechanism, and why:
 * - The database decides. Each reminder and each overdue transition of a task is a row of task_deadline_event
 *   (UNIQUE (task_id, key)), written in the transaction that creates the task or changes its deadline. A changed
 *   deadline bumps task.deadline_version, cancels the old version's pending rows and writes new ones, so an old
 *   job can never act: whatever runs only acts on rows that are due, not done and not cancelled.
 * - The reconciler claims due rows with FOR UPDATE SKIP LOCKED, does the work (status change, notices through
 *   the notice outbox) and stamps done_at in the same transaction: with several workers each row is done by one,
 *   once; a crash before commit leaves the row for the next run.
 * - What triggers the reconciler does not matter for correctness: a delayed BullMQ job per event (punctual), and
 *   the `deadlines.sweep` job the schedule enqueues every 30 s and at worker start (jobs/campaigns.schedule.ts:
 *   catch-up after a worker or Redis outage: delayed jobs lost with Redis, or never run while the worker was
 *   down, are covered because the rows are still due). Delayed jobs go through
 *   the transactional outbox, so none exists for a rolled-back change, and a Redis restart loses none before relay.
 * - A reminder run late says only what is still true (issue 13 §5, late-reminders.ts): once its date is over it is
 *   recorded as skipped (skip_reason 'passed') and the overdue notice, which names the deadline, speaks instead;
 *   one still ahead states the days truly left, and an earlier one due with it gives way ('superseded').
 * - Time is Clock.now(): tests move a FakeClock and call reconcile().
 */
@Injectable()
export class DeadlinesService {
  private readonly me = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly outbox: OutboxService,
    private readonly notices: NoticesService,
    private readonly campaigns: CampaignRepository,
    private readonly tasks: TaskRepository,
    private readonly events: DeadlineEventRepository,
    private readonly attainment: TaskAttainment,
    private readonly dutyDeadlines: DutyDeadlines,
    private readonly landDeadlines: LandDeadlines,
  ) {}

  /**
   * (Re)plans a task's events in the caller's transaction: cancels pending rows of older deadline versions and
   * inserts the current version's (idempotent). The task row must already hold the new deadline and version.
   */
  async schedule(m: EntityManager, taskIds: number[]): Promise<void> {
    if (!taskIds.length) return;
    const now = this.clock.now();
    await this.events.cancelStale(m, taskIds, now);
    const tasks = await this.tasks.forPlanning(m, taskIds);
    const milestonesByCampaign = new Map<number, string[]>();
    for (const t of tasks) {
      if (t.withdrawn || t.status === 'completed') continue;
      if (!milestonesByCampaign.has(t.campaign_id)) milestonesByCampaign.set(t.campaign_id, await this.campaigns.milestoneDates(m, t.campaign_id));
      const settings = readCampaignSettings(t.settings);
      const plan = planDeadlineEvents(
        t.deadline,
        t.deadline_version,
        milestonesByCampaign.get(t.campaign_id)!,
        settings.deadlines.reminderOffsetsDays,
        now,
        settings.notices.reminderTime,
        this.calendar,
      );
      for (const e of plan) {
        // A delayed job is only a wake-up call at the due instant (the 30 s sweep runs what is due anyway); the row decides (see the class comment).
        if (await this.events.upsertPlanned(m, t.id, e, t.deadline_version))
          await this.outbox.enqueue(
            m,
            'deadlines.reconcile',
            { reason: `task ${t.id} ${e.key}` },
            { jobId: JOB_IDS.deadline(t.id, e.key, e.dueAt), runAt: e.dueAt },
          );
      }
    }
  }

  /**
   * After the campaign's reminder offsets or time of day changed: its live tasks' pending reminders follow.
   * Reminders of an offset no longer set are cancelled; the others move to the new time; new offsets are planned.
   */
  async replanReminders(m: EntityManager, campaignId: number, offsets: number[]): Promise<void> {
    await this.events.cancelRemindersNotIn(m, campaignId, offsets, this.clock.now());
    await this.schedule(m, await this.tasks.liveIdsOfCampaign(m, campaignId));
  }

  /**
   * Does every due, pending event once, the tasks', the member departments' duties' (DutyDeadlines) and the land projects' verification (LandDeadlines); returns
   * how many this call did. Safe to run anywhere, any number of times at once.
   */
  async reconcile(): Promise<number> {
    let done = 0;
    for (;;) {
      const n =
        (await this.dataSource.transaction((m) => this.runBatch(m))) +
        (await this.dataSource.transaction((m) => this.dutyDeadlines.runBatch(m))) +
        (await this.dataSource.transaction((m) => this.landDeadlines.runBatch(m)));
      done += n;
      if (n === 0) return done;
    }
  }

  /**
   * Catch-up for figures whose writer could not judge a task (it skipped a row another transaction held, or a
   * unit moved): one set-based pass over the live tasks of active campaigns, locking only tasks whose status
   * changes, skipping locked ones. On the worker's start and tick only (the `deadlines.sweep` job), not per
   * delayed job (a burst of due events would repeat it); an overdue event judges its own task anyway. Answers
   * how many tasks changed.
   */
  async sweepAttainment(): Promise<number> {
    return this.dataSource.transaction(async (m) => this.attainment.refresh(m, await this.tasks.liveIdsOfActiveCampaigns(m), this.clock.now()));
  }

  /**
   * Lock order (issue 12 §7): an event is claimed together with its task row, both FOR UPDATE SKIP LOCKED, so the
   * reconciler never waits for a task lock (an approval holds its tasks and then cancels their events): a task
   * some other transaction holds keeps its events pending for the next batch or run.
   */
  private async runBatch(m: EntityManager): Promise<number> {
    const now = this.clock.now();
    const events = await this.events.claimDue(m, now);
    for (const e of events) {
      const t = (await this.tasks.forEvent(m, e.task_id))!;
      if (t.withdrawn_at || t.deadline_version !== e.deadline_version) {
        await this.events.cancel(m, e.id, now);
        continue;
      }
      let skip: ReminderSkip | null = null;
      if (e.kind === 'reminder') {
        skip = await this.remind(m, t, e, now);
      } else if (t.status !== 'completed') {
        // Overdue means unmet at the deadline: judge the figure first; a met task (on time or late) gets no escalation.
        await this.attainment.refresh(m, [t.id], now);
        // (an already overdue task whose deadline moved is told again for the new deadline, as before)
        const { status } = (await this.tasks.forEvent(m, t.id))!;
        if (status === 'open' || status === 'overdue') await this.markOverdue(m, t, now);
        // spared because met: opened again by the attainment refresh should the task fall below its target later
        else if (status === 'met') skip = 'met';
      }
      await this.events.markDone(m, e.id, now, this.me, skip);
    }
    return events.length;
  }

  /**
   * Sends a due reminder, or answers why not (issue 13 §5, dueReminder): the task is met, the reminder's date is
   * already over (a catch-up after the workers were down), or a later reminder for that date is due too. A late
   * reminder states the days truly left, not the planned offset.
   */
  private async remind(m: EntityManager, t: EventTaskRow, e: DueEventRow, now: Date): Promise<ReminderSkip | null> {
    // a met task needs no "please push on"
    if (t.status !== 'open' && t.status !== 'overdue') return 'met';
    const later = await this.events.laterReminderDue(m, t.id, e.target_date, e.deadline_version, e.due_at, now);
    const verdict = dueReminder(e.target_date, now, later);
    if ('skip' in verdict) return verdict.skip;
    const reminder = { milestone: e.key.startsWith('reminder-milestone'), targetDate: e.target_date, offsetDays: e.offset_days };
    const left = daysLeftText(reminderSubject(reminder), verdict.daysLeft);
    await this.notices.notify(m, reminderNotices(t, reminder, left, await this.holders(m, t)));
    return null;
  }

  /** Who answers for a task: the cadre holding a cadre's share, else the holder unit's managers. */
  private holders(m: EntityManager, t: EventTaskRow): Promise<number[]> {
    return t.holder_user_id ? Promise.resolve([t.holder_user_id]) : this.notices.recipients(m, [t.holder_unit_id], [Role.UnitManager]);
  }

  private async markOverdue(m: EntityManager, t: EventTaskRow, now: Date): Promise<void> {
    await this.tasks.markOverdue(m, t.id, now);
    const holders = await this.holders(m, t);
    // Escalation: the unit that allocated the task (the campaign's own unit for a top-level task) and the office.
    const parentUnit = t.parent_holder_unit_id ?? t.campaign_unit_id;
    const managers = await this.notices.recipients(m, [parentUnit], [Role.UnitManager, Role.Leader]);
    const office = await this.campaigns.officeUserIds(m, t.campaign_id, t.campaign_unit_id);
    await this.notices.notify(m, overdueNotices(t, holders, escalationRecipients(managers, office, holders)));
  }
}
