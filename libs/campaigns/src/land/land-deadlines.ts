import { Clock, JOB_IDS, OutboxService, Role, WorkingCalendar } from '#core';
import { NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { EntityManager } from 'typeorm';
import { DeadlineEventRepository } from '../repositories/deadline-event.repository';
import { planDeadlineEvents } from '../rules/deadline-events';
import { dueReminder, ReminderSkip } from '../rules/late-reminders';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';
import { landOverdueNotices, landReminderNotices } from './land-notices';
import { LandDeadlineRepository } from './land-deadline.repository';

/**
 * Seed 004: a land project's farmers are verified within its set number of calendar days after the compensation
 * agreement (registry's LandService keeps the project and calls plan() in the transaction that writes it). The
 * reminders (the default reminder offsets, 7, 3 and 1 days before, at the default reminder time, 09:00 China: a
 * project belongs to no campaign) and the overdue notice the day after are task_deadline_event rows like a task's
 * and a duty's, run once by the deadlines reconciler (DeadlinesService.reconcile calls runBatch): claimed FOR UPDATE
 * SKIP LOCKED and stamped done in the same transaction, caught up by the sweep after downtime (late-reminders.ts).
 * A project whose farmers are all verified when an event comes due is spared ('met'); one whose due date moved
 * has its old date's pending events cancelled.
 */
@Injectable()
export class LandDeadlines {
  private readonly me = `${hostname()}-${process.pid}-land`;

  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly notices: NoticesService,
    private readonly events: DeadlineEventRepository,
    private readonly land: LandDeadlineRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** (Re)plans the project's reminders and overdue event for its current due date, in the caller's transaction. */
  async plan(m: EntityManager, projectId: number): Promise<void> {
    const p = await this.land.project(m, projectId);
    if (!p) return;
    const now = this.clock.now();
    await this.land.cancelOtherDates(m, p.id, p.verify_due_on, now);
    const { deadlines, notices } = DEFAULT_CAMPAIGN_SETTINGS;
    for (const e of planDeadlineEvents(p.verify_due_on, 1, [], deadlines.reminderOffsetsDays, now, notices.reminderTime, this.calendar)) {
      if (await this.land.upsertEvent(m, p.id, e))
        await this.outbox.enqueue(
          m,
          'deadlines.reconcile',
          { reason: `land ${p.id} ${e.key}` },
          { jobId: JOB_IDS.deadline(`land${p.id}`, e.key, e.dueAt), runAt: e.dueAt },
        );
    }
  }

  /** Does up to 50 due land events; answers how many. */
  async runBatch(m: EntityManager): Promise<number> {
    const now = this.clock.now();
    const due = await this.land.claimDue(m, now);
    for (const e of due) {
      const p = await this.land.project(m, e.land_project_id);
      if (!p || p.verify_due_on !== e.target_date) {
        await this.events.cancel(m, e.id, now);
        continue;
      }
      let skip: ReminderSkip | null = null;
      const unitUsers = await this.notices.recipients(m, [p.org_unit_id], [Role.UnitManager, Role.Office]);
      if (p.listed > 0 && p.verified >= p.listed) skip = 'met';
      else if (e.kind === 'reminder') {
        const verdict = dueReminder(e.target_date, now, await this.land.laterReminderDue(m, p.id, e.target_date, e.due_at, now));
        if ('skip' in verdict) skip = verdict.skip;
        else await this.notices.notify(m, landReminderNotices(p, e.target_date, e.offset_days, verdict.daysLeft, unitUsers));
      } else {
        // escalation: the managers of the unit above and the offices of every unit above
        const above = (await this.land.unitAndAncestors(m, p.unit_path)).filter((id) => id !== p.org_unit_id);
        const parentManagers = p.parent_id ? await this.notices.recipients(m, [p.parent_id], [Role.UnitManager]) : [];
        const offices = await this.notices.recipients(m, above, [Role.Office]);
        await this.notices.notify(m, landOverdueNotices(p, e.target_date, [...unitUsers, ...parentManagers, ...offices]));
      }
      await this.events.markDone(m, e.id, now, this.me, skip);
    }
    return due.length;
  }
}
