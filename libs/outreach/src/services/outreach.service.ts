import { AuthUser } from '#core';
import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { EntityManager } from 'typeorm';
import { MessageState, RoundInput, RoundTotals, RoundView } from '../outreach.types';
import { DeliveryReportsService } from './delivery-reports.service';
import { DeliveryService } from './delivery.service';
import { ReminderCountsService } from './reminder-counts.service';
import { RoundExpansionService } from './round-expansion.service';
import { RoundResumeService } from './round-resume.service';
import { RoundsService } from './rounds.service';

/**
 * Reminder rounds to the public, in one place for the code around them: answers for the services that do
 * the work (rounds, expansion, delivery, delivery reports, resume, reminder counts). The job handlers
 * (jobs/outreach.jobs.ts) call this object's expand and deliver, so a test or the bench that wraps them
 * sees every job.
 */
@Injectable()
export class OutreachService {
  constructor(
    private readonly rounds: RoundsService,
    private readonly expansion: RoundExpansionService,
    private readonly delivery: DeliveryService,
    private readonly reports: DeliveryReportsService,
    private readonly resumer: RoundResumeService,
    private readonly counts: ReminderCountsService,
  ) {}

  plan(user: AuthUser, input: RoundInput): Promise<RoundView> {
    return this.rounds.plan(user, input);
  }

  get(user: AuthUser, id: number): Promise<RoundView> {
    return this.rounds.get(user, id);
  }

  list(user: AuthUser, q: { campaignId?: number; offset: number; pageSize: number; page: number }) {
    return this.rounds.list(user, q);
  }

  start(user: AuthUser, id: number): Promise<RoundView> {
    return this.rounds.start(user, id);
  }

  resendFailed(user: AuthUser, id: number) {
    return this.rounds.resendFailed(user, id);
  }

  messages(user: AuthUser, id: number, q: { state?: MessageState; offset: number; pageSize: number; page: number }) {
    return this.rounds.messages(user, id, q);
  }

  totals(m: EntityManager, roundId: number): Promise<RoundTotals> {
    return this.rounds.totals(m, roundId);
  }

  belowCount(user: AuthUser, q: { campaignId: number; orgUnitId?: number; below: number; year?: number; offset: number; pageSize: number; page: number }) {
    return this.counts.belowCount(user, q);
  }

  personCount(user: AuthUser, personId: number, year?: number) {
    return this.counts.personCount(user, personId, year);
  }

  /** The 'notices.round.expand' job: see RoundExpansionService. */
  expand(roundId: number): Promise<number> {
    return this.expansion.expand(roundId);
  }

  /** The 'notices.deliver' job: see DeliveryService. */
  deliver(messageIds: number[], job?: Job): Promise<void> {
    return this.delivery.deliver(messageIds, job);
  }

  report(input: { ref: string; messageId?: string; status: 'DELIVERED' | 'FAILED'; reason?: string }): Promise<{ updated: number }> {
    return this.reports.report(input);
  }

  resumeOnce(): Promise<number> {
    return this.resumer.resumeOnce();
  }

  reconcileOnce(): Promise<void> {
    return this.resumer.reconcileOnce();
  }
}
