import { Clock, METRICS } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ChannelRateLimiter } from '../channels/channel-rate-limiter';
import { SendResult } from '../channels/gateway-answer';
import { PublicChannels } from '../channels/public-channels';
import { ClaimedRow, STALE_SENDING_MS } from '../outreach.types';
import { OutreachMessageRepository } from '../repositories/outreach-message.repository';
import { gaveUp, NO_PHONE, templateBroken, templateDeleted } from '../rules/failure-reasons';
import { messageRef } from '../rules/message-ref';
import { quietUntil } from '../rules/quiet-hours';
import { chineseDate, renderTemplate } from '../rules/template-rules';
import { TemplatesService } from './templates.service';

/** HTTP calls in flight per deliver job. */
const PARALLEL = 10;

/**
 * The delivery of messages (the 'notices.deliver' job). Exactly one message per person and round:
 * a message is sent only by the job that moved it queued → sending in PostgreSQL and that still holds
 * that claim (same attempts) right before the HTTP call. So restarts, several workers and stale-claim
 * requeues never make us send one (message, resend) twice.
 *
 * What we cannot rule out on our side (at least once): a worker that dies after the gateway accepted
 * a message and before our 'sent' commit leaves it 'sending'; the reconciler queues it again and it is
 * posted a second time under the same ref (om-<id>[-r<n>]-<token>, see message-ref.ts). The gateway
 * dedupes by that ref (its client reference), so the person still gets one SMS; a webhook receiver
 * must dedupe by `ref` likewise. test/notices/worker-killed.e2e-spec.ts kills a worker process mid-round.
 */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly channels: PublicChannels,
    private readonly limiter: ChannelRateLimiter,
    private readonly templates: TemplatesService,
    private readonly messages: OutreachMessageRepository,
  ) {}

  /** Sends a batch of messages: held in quiet hours, skipped when enrolled, each claimed before it is sent. */
  async deliver(messageIds: number[], job?: Job): Promise<void> {
    const db = this.dataSource.manager;
    const now = this.clock.now();
    const hold = quietUntil(now);
    if (hold) await this.messages.holdQueuedSms(db, messageIds, hold);
    await this.messages.skipEnrolled(db, messageIds);
    const claimed = await this.messages.claim(db, messageIds, now);
    if (!claimed.length) return;
    const finalAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    // one read per batch: each round's nearest template of its kind up the tree from its unit
    const templates = await this.templates.bodiesForRounds(db, [...new Set(claimed.map((c) => Number(c.round_id)))]);
    const retry: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const c = claimed[next++];
        const again = await this.sendOne(c, templates.get(Number(c.round_id)), now, finalAttempt);
        if (again) retry.push(again);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, worker));
    if (retry.length) throw new Error(`${retry.length} message(s) to retry: ${retry[0]}`);
  }

  /** Sends one claimed message and records the outcome; answers a reason when the job should retry it. */
  private async sendOne(c: ClaimedRow, template: string | undefined, claimedAt: Date, finalAttempt: boolean): Promise<string | null> {
    const db = this.dataSource.manager;
    const id = Number(c.id);
    // the gateway dedupes by ref: the same ref after a crash, a new one for a deliberate resend
    const ref = messageRef(id, c.resends, c.ref_token);
    let body: string;
    if (template === undefined) {
      await this.fail(c, templateDeleted(c.template_kind), true, null, null);
      return null;
    }
    try {
      body = renderTemplate(template, {
        name: c.name,
        amount: c.amount === null ? undefined : String(Number(c.amount)),
        deadline: c.deadline ? chineseDate(c.deadline) : undefined,
        officePhone: c.office_phone ?? undefined,
      });
    } catch (e) {
      await this.fail(c, templateBroken((e as Error).message), true, null, null);
      return null;
    }
    if (c.channel === 'sms' && !c.phone) {
      await this.fail(c, NO_PHONE, true, null, body);
      return null;
    }
    await this.limiter.acquire(c.channel, this.channels.ratePerSecond(c.channel));
    // The wait for the rate limiter can outlast STALE_SENDING_MS (a low rate, a big backlog): then the
    // reconciler may have queued the message again and another job claimed it. Within half of it the
    // claim is surely ours (no query); later, renew it and send only if it still stands.
    const sendAt = this.clock.now();
    // A batch claimed just before 21:00 may reach a message after it: hold that one until 08:00 too.
    const quiet = c.channel === 'sms' ? quietUntil(sendAt) : null;
    if (quiet) {
      await this.messages.holdClaimed(db, id, c.attempts, quiet);
      return null;
    }
    if (sendAt.getTime() - claimedAt.getTime() >= STALE_SENDING_MS / 2 && !(await this.renewClaim(c))) return null;
    const result: SendResult =
      c.channel === 'sms'
        ? await this.channels.sendSms(ref, c.phone!, body)
        : await this.channels.sendWebhook(ref, { kind: c.template_kind, personId: Number(c.person_id), phone: c.phone, text: body });
    const now = this.clock.now();
    if (result.ok) {
      await this.messages.markSent(db, id, now, result.gatewayId, c.channel === 'sms' ? c.phone : 'webhook', body);
      METRICS.messages.inc({ channel: c.channel, outcome: 'sent' });
      return null;
    }
    if (!result.retry || finalAttempt) {
      await this.fail(c, result.retry ? gaveUp(result.reason) : result.reason, !result.retry, c.phone, body);
      return null;
    }
    await this.messages.requeueForRetry(db, id, c.attempts, result.reason);
    return result.reason;
  }

  /**
   * True when this job's claim still stands (not requeued as stale and claimed by another job since);
   * renews it, so the reconciler leaves the message alone for the HTTP call that follows.
   */
  private async renewClaim(c: ClaimedRow): Promise<boolean> {
    return this.messages.renewClaim(this.dataSource.manager, Number(c.id), c.attempts, this.clock.now());
  }

  private async fail(c: ClaimedRow, reason: string, permanent: boolean, recipient: string | null, body: string | null): Promise<void> {
    await this.messages.markFailed(this.dataSource.manager, Number(c.id), c.attempts, { reason, permanent, at: this.clock.now(), recipient, body });
    METRICS.messages.inc({ channel: c.channel, outcome: 'failed' });
  }
}
