import { JobHandlers } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { NoticeDispatchService } from '../services/notice-dispatch.service';
import { NoticesService } from '../services/notices.service';
import { ReescalationService } from '../services/reescalation.service';

/**
 * The notices job handlers: `notices.create` (enqueued through the outbox by NoticesService.notify) writes the digests;
 * `notices.dispatch` relays new items to group robots and by SMS; `notices.reescalate` (the schedule's) escalates unread
 * escalations once more.
 */
@Injectable()
export class NoticesJobs implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly notices: NoticesService,
    private readonly dispatches: NoticeDispatchService,
    private readonly reescalation: ReescalationService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notices.create', ({ notices }) => this.notices.create(notices));
    this.handlers.register('notices.dispatch', ({ dispatchIds }, job) => this.dispatches.run(dispatchIds, job));
    this.handlers.register('notices.reescalate', () => this.reescalation.runOnce());
  }
}
