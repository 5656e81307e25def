import { Clock, JobHandlers, OutboxService } from '#core';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EscalationService } from './escalation.service';
import { InspectionCasesService } from './inspection-cases.service';

/** How often the worker's tick asks for a reconcile. */
export const ENFORCEMENT_TICK_MS = 60_000;

/**
 * The one-minute tick (@nestjs/schedule, active in the worker only) only enqueues an `enforcement.reconcile`
 * job; its handler runs whatever cutoffs are due and not
 * yet done and enforces rectification deadlines. Exactly-once rests on the database, not on these timers.
 */
@Injectable()
export class EnforcementScheduler implements OnModuleInit {
  private readonly logger = new Logger(EnforcementScheduler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly handlers: JobHandlers,
    private readonly escalation: EscalationService,
    private readonly cases: InspectionCasesService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('enforcement.reconcile', () => this.reconcile());
    this.handlers.register('enforcement.rectification-check', ({ caseId }) => this.cases.sweepRectifications(caseId));
  }

  /**
   * Catch-up on worker start (@Timeout fires in the worker only): a worker that was down across a cutoff
   * runs it now, dated to the cutoff. Run in-process, like the campaigns' deadline catch-up, so a start
   * adds no outbox row; the database keys make it safe next to other workers.
   */
  @Timeout('enforcement-startup', 200)
  async onStart(): Promise<void> {
    try {
      await this.reconcile();
    } catch (e) {
      this.logger.error(`start-up enforcement reconcile failed: ${(e as Error).message}`);
    }
  }

  @Interval('enforcement-tick', ENFORCEMENT_TICK_MS)
  onTick(): Promise<void> {
    return this.requestReconcile();
  }

  async requestReconcile(): Promise<void> {
    try {
      // one job per minute however many workers tick
      const minute = Math.floor(this.clock.now().getTime() / 60_000);
      await this.outbox.enqueue(this.dataSource.manager, 'enforcement.reconcile', {}, { jobId: `enforcement-reconcile-${minute}` });
    } catch (e) {
      this.logger.warn(`could not enqueue the enforcement reconcile: ${(e as Error).message}`);
    }
  }

  async reconcile(): Promise<{ runs: number; reminded: number; overdue: number }> {
    const { runs } = await this.escalation.reconcile();
    const { reminded, overdue } = await this.cases.sweepRectifications();
    return { runs, reminded, overdue };
  }
}
