import { Clock } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { STALE_SENDING_MS } from '../outreach.types';
import { OutreachMessageRepository } from '../repositories/outreach-message.repository';
import { ReminderRoundRepository } from '../repositories/reminder-round.repository';
import { DeliveryJobs } from './delivery-jobs.service';

/** Messages per reconcile or resume pass. */
const RECONCILE_LIMIT = 10000;

/** What keeps rounds moving when a worker or a job was lost: requeues, releases, resumes, and closes finished rounds. */
@Injectable()
export class RoundResumeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly rounds: ReminderRoundRepository,
    private readonly messages: OutreachMessageRepository,
    private readonly deliveries: DeliveryJobs,
  ) {}

  /**
   * Rounds resume their unsent messages by themselves: a queued message of a running round (not held for
   * quiet hours) that no deliver job still to run names (an outbox row neither done nor dead) gets a new
   * job. Such a message lost its job (given up on after Redis lost it again and again, see OutboxReconciler);
   * a message is claimed before it is sent, so one named by two jobs is still sent once.
   * Answers how many messages got a new deliver job.
   */
  async resumeOnce(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const orphans = await this.messages.orphanIds(m, RECONCILE_LIMIT);
      await this.deliveries.enqueue(m, orphans);
      return orphans.length;
    });
  }

  /**
   * Releases messages held for quiet hours once they end, requeues messages whose worker died mid-send
   * (claimed longer than STALE_SENDING_MS ago), and closes rounds with nothing left to send.
   */
  async reconcileOnce(): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const released = await this.messages.releaseHeld(m, now, RECONCILE_LIMIT);
      const stale = await this.messages.requeueStale(m, new Date(now.getTime() - STALE_SENDING_MS), RECONCILE_LIMIT);
      await this.deliveries.enqueue(
        m,
        [...released, ...stale].sort((a, b) => a - b),
      );
      await this.rounds.finishDone(m, now);
    });
  }
}
