import { JobHandlers } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EscalationService } from '../services/escalation.service';
import { RectificationsService } from '../services/rectifications.service';

/**
 * The handlers of enforcement's jobs: `enforcement.reconcile` runs whatever cutoffs are due and not yet done
 * and enforces rectification deadlines; `enforcement.rectification-check` checks one case's deadline.
 * Exactly-once rests on the database, not on how often these run.
 */
@Injectable()
export class EnforcementJobs implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly escalation: EscalationService,
    private readonly rectifications: RectificationsService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('enforcement.reconcile', () => this.reconcile());
    this.handlers.register('enforcement.rectification-check', ({ caseId }) => this.rectifications.sweepRectifications(caseId));
  }

  async reconcile(): Promise<{ runs: number; reminded: number; overdue: number }> {
    const { runs } = await this.escalation.reconcile();
    const { reminded, overdue } = await this.rectifications.sweepRectifications();
    return { runs, reminded, overdue };
  }
}
