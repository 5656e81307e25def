import { Clock, Role } from '#core';
import { NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { EntityManager } from 'typeorm';
import { CampaignRepository } from '../repositories/campaign.repository';
import { DeadlineEventRepository } from '../repositories/deadline-event.repository';
import { dueReminder, ReminderSkip } from '../rules/late-reminders';
import { dutyOverdueNotices, dutyReminderNotices } from './duty-notices';
import { DutyRepository } from './duty.repository';

/**
 * The duties' half of the deadlines reconciler (DeadlinesService.reconcile runs it after the tasks' batches):
 * the same task_deadline_event rows, claimed FOR UPDATE SKIP LOCKED with their duty and stamped done in the same
 * transaction, so each reminder and overdue notice of a due date goes out once, whoever runs it. A due date
 * delivered meanwhile is spared ('met'); a late reminder says only what is still true (late-reminders.ts).
 */
@Injectable()
export class DutyDeadlines {
  private readonly me = `${hostname()}-${process.pid}-duties`;

  constructor(
    private readonly clock: Clock,
    private readonly notices: NoticesService,
    private readonly campaigns: CampaignRepository,
    private readonly events: DeadlineEventRepository,
    private readonly duties: DutyRepository,
  ) {}

  /** Does up to 50 due duty events; answers how many. */
  async runBatch(m: EntityManager): Promise<number> {
    const now = this.clock.now();
    const due = await this.duties.claimDue(m, now);
    for (const e of due) {
      const duty = (await this.duties.one(m, e.duty_id))!;
      const campaign = (await this.duties.campaign(m, duty.campaign_id))!;
      if (campaign.status === 'closed') {
        await this.events.cancel(m, e.id, now);
        continue;
      }
      let skip: ReminderSkip | null = null;
      const department = await this.notices.recipients(m, [duty.org_unit_id], [Role.Department]);
      const notice = { id: duty.id, code: duty.code, department_name: duty.department_name, campaign_name: campaign.name };
      if (await this.duties.delivered(m, duty.id, e.target_date)) skip = 'met';
      else if (e.kind === 'reminder') {
        const verdict = dueReminder(e.target_date, now, await this.duties.laterReminderDue(m, duty.id, e.target_date, e.due_at, now));
        if ('skip' in verdict) skip = verdict.skip;
        else await this.notices.notify(m, dutyReminderNotices(notice, e.target_date, e.offset_days, verdict.daysLeft, department));
      } else {
        const office = await this.campaigns.officeUserIds(m, duty.campaign_id, campaign.org_unit_id);
        await this.notices.notify(m, dutyOverdueNotices(notice, e.target_date, department, office));
      }
      await this.events.markDone(m, e.id, now, this.me, skip);
    }
    return due.length;
  }
}
