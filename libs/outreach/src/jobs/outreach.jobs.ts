import { JobHandlers } from '#core';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OutreachService } from '../services/outreach.service';
import { PlansService } from '../services/plans.service';
import { RoundResumeService } from '../services/round-resume.service';

/**
 * The outreach job handlers: a round's expansion and its messages' delivery (`notices.round.expand`,
 * `notices.deliver`, through OutreachService), and the outreach schedule's jobs (outreach.schedule.ts enqueues them): `outreach.reconcile`
 * releases messages held for quiet hours, requeues those whose worker died mid-send and closes finished
 * rounds; `outreach.plans` starts the planned rounds due today (PlansService.startDue); `outreach.resume` gives a deliver job to queued messages no job would send. Both claim their rows
 * with SKIP LOCKED, so two of them on two workers never take the same message.
 */
@Injectable()
export class OutreachJobs implements OnModuleInit {
  private readonly logger = new Logger(OutreachJobs.name);

  constructor(
    private readonly handlers: JobHandlers,
    private readonly resumer: RoundResumeService,
    private readonly outreach: OutreachService,
    private readonly plans: PlansService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notices.round.expand', ({ roundId }) => this.outreach.expand(roundId));
    this.handlers.register('notices.deliver', ({ messageIds }, job) => this.outreach.deliver(messageIds, job));
    this.handlers.register('outreach.reconcile', () => this.resumer.reconcileOnce());
    this.handlers.register('outreach.resume', () => this.resume());
    this.handlers.register('outreach.plans', async () => {
      const n = await this.plans.startDue();
      if (n) this.logger.log(`started ${n} planned reminder round(s)`);
    });
  }

  async resume(): Promise<number> {
    const n = await this.resumer.resumeOnce();
    if (n) this.logger.warn(`resumed ${n} queued message(s) of running rounds that no job would send`);
    return n;
  }
}
