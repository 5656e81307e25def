import { JobHandlers } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DeadlinesService } from '../services/deadlines.service';

/**
 * The handlers of the campaigns library's jobs: `deadlines.reconcile` (a deadline event's wake-up at its due
 * instant) runs every due deadline event; `deadlines.sweep` (the schedule's tick and start-up catch-up) first
 * judges the figures writers skipped, then does the same. Exactly-once rests on task_deadline_event, not on how
 * often these run.
 */
@Injectable()
export class CampaignsJobs implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly deadlines: DeadlinesService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('deadlines.reconcile', () => this.deadlines.reconcile());
    this.handlers.register('deadlines.sweep', () => this.sweep());
  }

  /** Judges what writers skipped, then runs what is due; answers how many tasks changed and events were done. */
  async sweep(): Promise<{ judged: number; done: number }> {
    const judged = await this.deadlines.sweepAttainment();
    const done = await this.deadlines.reconcile();
    return { judged, done };
  }
}
