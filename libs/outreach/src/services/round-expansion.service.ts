import { Clock } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EXPAND_CHUNK } from '../outreach.types';
import { OutreachMessageRepository } from '../repositories/outreach-message.repository';
import { ReminderPlanRepository } from '../repositories/reminder-plan.repository';
import { ReminderRoundRepository } from '../repositories/reminder-round.repository';
import { DeliveryJobs } from './delivery-jobs.service';

/** A running round becomes one message per person it targets (the 'notices.round.expand' job). */
@Injectable()
export class RoundExpansionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly rounds: ReminderRoundRepository,
    private readonly plans: ReminderPlanRepository,
    private readonly messages: OutreachMessageRepository,
    private readonly deliveries: DeliveryJobs,
  ) {}

  /** Expands a running round into messages, one chunk of people per transaction, resuming from its cursor. */
  async expand(roundId: number): Promise<number> {
    let created = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (m) => {
        const round = await this.rounds.findForUpdate(m, roundId);
        if (!round || round.status !== 'running' || round.expanded_at) return true;
        // a plan's rounds of one date take turns (the plan's row lock), so each sees whom its siblings messaged
        if (round.plan_id !== null) await this.plans.lockPlan(m, round.plan_id);
        const chunk = await this.messages.expandChunk(m, round, EXPAND_CHUNK, this.clock.now());
        await this.deliveries.enqueue(m, chunk.ids);
        created += chunk.ids.length;
        const finished = chunk.n < EXPAND_CHUNK;
        await this.rounds.advanceCursor(m, roundId, chunk.last, finished, this.clock.now());
        return finished;
      });
      if (done) return created;
    }
  }
}
