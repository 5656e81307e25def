import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { RESUME_MS } from '../outreach.types';
import { RoundResumeService } from '../services/round-resume.service';

/**
 * The worker's timers for reminder rounds. They still run their (small, set-based) passes in the tick,
 * safe on every replica (SKIP LOCKED), rather than enqueueing a job: see RoundResumeService.
 */
@Injectable()
export class OutreachSchedule {
  private readonly logger = new Logger(OutreachSchedule.name);
  private reconciling = false;

  constructor(private readonly resumer: RoundResumeService) {}

  /**
   * The worker's tick: releases messages held for quiet hours once they end, requeues messages whose
   * worker died mid-send, and closes rounds with nothing left to send. Safe on every replica.
   */
  @Interval(1000)
  async reconcile(): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      await this.resumer.reconcileOnce();
    } catch (e) {
      this.logger.warn(`outreach reconcile failed: ${(e as Error).message}`);
    } finally {
      this.reconciling = false;
    }
  }

  /** Resumes the queued messages of running rounds that no deliver job would send (see RoundResumeService.resumeOnce). */
  @Timeout('outreach-resume-startup', 1000)
  @Interval('outreach-resume', RESUME_MS)
  async resume(): Promise<void> {
    try {
      const n = await this.resumer.resumeOnce();
      if (n) this.logger.warn(`resumed ${n} queued message(s) of running rounds that no job would send`);
    } catch (e) {
      this.logger.warn(`outreach resume failed: ${(e as Error).message}`);
    }
  }
}
