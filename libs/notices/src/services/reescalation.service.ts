import { AppConfig, Clock, Role } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NoticeDispatchRepository } from '../repositories/notice-dispatch.repository';
import { NoticesService } from './notices.service';

/** Escalation items per pass. */
const LIMIT = 500;
/** The kinds escalated once more when left unread. */
export const REESCALATED_KINDS = ['task.escalation'] as const;

/**
 * Unread escalations are escalated once more: an escalation item whose digest is still unread NOTICE_REESCALATE_HOURS after
 * it came goes to the managers, office and leaders of the recipient's parent unit (at the top: of the recipient's own unit,
 * the recipient left out) as a `task.escalation.unread` notice. notice_reescalation's primary key, claimed in the
 * transaction that queues the notices, makes it happen once however often the schedule ticks.
 */
@Injectable()
export class ReescalationService {
  private readonly logger = new Logger(ReescalationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly repo: NoticeDispatchRepository,
    private readonly notices: NoticesService,
  ) {}

  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const hours = this.config.NOTICE_REESCALATE_HOURS;
    const before = new Date(now.getTime() - hours * 3600_000);
    return this.dataSource.transaction(async (m) => {
      const items = await this.repo.claimUnread(m, REESCALATED_KINDS, before, now, LIMIT);
      for (const it of items) {
        const unit = it.parent_id ?? it.unit_id;
        const roles = it.parent_id ? [Role.UnitManager, Role.Office, Role.Leader] : [Role.Office, Role.Leader];
        const to = (await this.notices.recipients(m, [unit], roles)).filter((id) => id !== it.recipient_user_id);
        await this.notices.notify(
          m,
          to.map((uid) => ({
            recipientUserId: uid,
            kind: 'task.escalation.unread',
            subject: `督办未读：${it.subject}`,
            body: `${it.recipient_name} 收到督办通知 ${hours} 小时仍未阅读：${it.body}`,
            link: it.link_entity ? { entity: it.link_entity, id: it.link_id ?? '' } : undefined,
            dedupeKey: `reescalation-${it.item_id}-${uid}`,
          })),
        );
      }
      if (items.length) this.logger.log(`escalated ${items.length} unread escalation(s) once more`);
      return items.length;
    });
  }
}
