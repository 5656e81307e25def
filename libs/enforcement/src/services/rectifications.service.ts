import { businessDate, Clock, Role, WorkingCalendar } from '#core';
import { NoticesService } from '#notices';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InspectionCaseRepository, RectificationDueRow } from '../repositories/inspection-case.repository';
import { rectificationReminderOn, rectificationStep } from '../rules/rectification';
import { CampaignEscalations } from './campaign-escalation';

/**
 * Rectification deadlines as of Clock.now(): the assignee is reminded from N days before the deadline;
 * from the day after it the case is marked overdue (once) and the department manager is notified.
 * Every notice carries a dedupe key, so repeated sweeps and several workers notify once.
 */
@Injectable()
export class RectificationsService {
  private readonly logger = new Logger(RectificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly notices: NoticesService,
    private readonly cases: InspectionCaseRepository,
    private readonly escalations: CampaignEscalations,
  ) {}

  /** Sweeps every open case with a deadline (or the one case given). */
  async sweepRectifications(caseId?: number): Promise<{ reminded: number; overdue: number }> {
    const now = this.clock.now();
    const today = businessDate(now);
    const rows = await this.cases.rectificationsDue(this.dataSource.manager, caseId ?? null, today);
    let reminded = 0;
    let overdue = 0;
    for (const r of rows) {
      const { settings } = await this.escalations.load(this.dataSource.manager, r.campaign_id);
      const step = rectificationStep({
        today,
        deadline: r.deadline,
        overdueAt: r.overdue_at,
        assigneeId: r.assignee_id,
        reminderDays: settings.rectificationReminderDays,
        reminderOn: rectificationReminderOn(r.deadline, settings.rectificationReminderDays, this.calendar),
      });
      if (step === 'overdue' && (await this.markOverdue(r, now))) overdue++;
      if (step === 'remind') {
        await this.remind(r);
        reminded++;
      }
    }
    if (overdue) this.logger.log(`${overdue} rectification deadline(s) overdue`);
    return { reminded, overdue };
  }

  /** Marks the case overdue and tells the department's managers and the assignee, in one transaction; false when another sweep did. */
  private markOverdue(r: RectificationDueRow, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.cases.markOverdue(m, r.id, now, r.deadline))) return false;
      await this.cases.insertOverdue(m, r.id, now, r.deadline);
      const managers = await this.notices.recipients(m, [r.department_id], [Role.UnitManager]);
      const to = [...new Set([...managers, ...(r.assignee_id ? [r.assignee_id] : [])])];
      await this.notices.notify(
        m,
        to.map((uid) => ({
          recipientUserId: uid,
          kind: 'inspection.rectification_overdue',
          subject: `限期改正逾期：${r.name}`,
          body: `案件 ${r.id}（${r.name}）限期改正截止 ${r.deadline}，至今未整改，请督办。`,
          link: { entity: 'inspection_case', id: r.id },
          dedupeKey: `rectification-overdue-${r.id}-${r.deadline}-${uid}`,
        })),
      );
      return true;
    });
  }

  /** Reminds the assignee of the coming deadline (once per deadline: the dedupe key). */
  private remind(r: RectificationDueRow): Promise<void> {
    return this.dataSource.transaction((m) =>
      this.notices.notify(m, [
        {
          recipientUserId: r.assignee_id!,
          kind: 'inspection.rectification_reminder',
          subject: `限期改正即将到期：${r.name}`,
          body: `案件 ${r.id}（${r.name}）限期改正截止 ${r.deadline}，请及时复查。`,
          link: { entity: 'inspection_case', id: r.id },
          dedupeKey: `rectification-reminder-${r.id}-${r.deadline}`,
        },
      ]),
    );
  }
}
