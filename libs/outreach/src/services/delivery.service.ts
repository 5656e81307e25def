import { CampaignReader, readCampaignSettings } from '#campaigns';
import { Clock, DEFAULT_QUIET_HOURS, METRICS, QuietHours, quietUntil } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ChannelRateLimiter } from '../channels/channel-rate-limiter';
import { PublicChannel, SendResult } from '../channels/gateway-answer';
import { PublicChannels } from '../channels/public-channels';
import { ClaimedRow, STALE_SENDING_MS } from '../outreach.types';
import { OutreachMessageRepository } from '../repositories/outreach-message.repository';
import { gaveUp, NO_PHONE, templateBroken, templateDeleted } from '../rules/failure-reasons';
import { messageRef } from '../rules/message-ref';
import { chineseDate, renderTemplate } from '../rules/template-rules';
import { TemplatesService } from './templates.service';

/** HTTP calls in flight per deliver job. */
const PARALLEL = 10;

/** 'sent' rows are written when this many wait, or the oldest has waited FLUSH_MS, and when the batch ends. */
const FLUSH_AT = 50;
const FLUSH_MS = 2000;

/** A sent message whose 'sent' row is written with the rest of its batch (one UPDATE per flush). */
export interface SentRow {
  id: number;
  at: Date;
  gatewayId: string;
  recipient: string | null;
  body: string;
}

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
    private readonly campaigns: CampaignReader,
  ) {}

  /** Each campaign's quiet hours and the channels they hold (notices.quietFrom/quietUntil/quietForWebhooks). */
  private async quietRules(campaignIds: number[]): Promise<Map<number, { hours: QuietHours; channels: string[] }>> {
    const out = new Map<number, { hours: QuietHours; channels: string[] }>();
    for (const id of campaignIds) {
      const c = await this.campaigns.campaign(this.dataSource.manager, id);
      const n = readCampaignSettings(c?.settings).notices;
      out.set(id, { hours: c ? { from: n.quietFrom, until: n.quietUntil } : DEFAULT_QUIET_HOURS, channels: n.quietForWebhooks ? ['sms', 'webhook'] : ['sms'] });
    }
    return out;
  }

  /**
   * Sends a batch of messages: held in quiet hours, skipped when enrolled, each claimed before it is sent.
   * The rate limiter is asked once for as many sends as the batch has left on a channel (not once per
   * message), and the 'sent' rows are written together when the batch ends (one UPDATE): a worker that
   * dies before that leaves them 'sending', and the reconciler posts them again under the same ref,
   * which the gateway dedupes (the at-least-once edge described above, not a new one).
   */
  async deliver(messageIds: number[], job?: Job): Promise<void> {
    const db = this.dataSource.manager;
    const now = this.clock.now();
    const quiet = await this.quietRules(await this.messages.campaignsOf(db, messageIds));
    for (const [campaignId, q] of quiet) {
      const hold = quietUntil(now, q.hours);
      if (hold) await this.messages.holdQueued(db, messageIds, campaignId, q.channels, hold);
    }
    await this.messages.skipEnrolled(db, messageIds);
    const claimed = await this.messages.claim(db, messageIds, now);
    if (!claimed.length) return;
    const finalAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    // one read per batch: each round's nearest template of its kind up the tree from its unit
    const templates = await this.templates.bodiesForRounds(db, [...new Set(claimed.map((c) => Number(c.round_id)))]);
    const tokens = new TokenPool(this.limiter, (channel) => this.channels.ratePerSecond(channel), claimed);
    const sent = new SentRows((rows) => this.messages.markSentMany(db, rows));
    const retry: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const c = claimed[next++];
        const again = await this.sendOne(c, templates.get(Number(c.round_id)), now, finalAttempt, tokens, sent, quiet.get(Number(c.campaign_id)));
        if (again) retry.push(again);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, worker));
    } finally {
      await sent.flush();
    }
    if (retry.length) throw new Error(`${retry.length} message(s) to retry: ${retry[0]}`);
  }

  /** Sends one claimed message and records the outcome; answers a reason when the job should retry it. */
  private async sendOne(
    c: ClaimedRow,
    template: string | undefined,
    claimedAt: Date,
    finalAttempt: boolean,
    tokens: TokenPool,
    sent: SentRows,
    rule = { hours: DEFAULT_QUIET_HOURS, channels: ['sms'] },
  ): Promise<string | null> {
    const db = this.dataSource.manager;
    const id = Number(c.id);
    // the gateway dedupes by ref: the same ref after a crash, a new one for a deliberate resend
    const ref = messageRef(id, c.resends, c.ref_token);
    let body: string;
    if (template === undefined) {
      tokens.forgo(c.channel);
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
      tokens.forgo(c.channel);
      await this.fail(c, templateBroken((e as Error).message), true, null, null);
      return null;
    }
    if (c.channel === 'sms' && !c.phone) {
      tokens.forgo(c.channel);
      await this.fail(c, NO_PHONE, true, null, body);
      return null;
    }
    await tokens.take(c.channel);
    // The wait for the rate limiter can outlast STALE_SENDING_MS (a low rate, a big backlog): then the
    // reconciler may have queued the message again and another job claimed it. Within half of it the
    // claim is surely ours (no query); later, renew it and send only if it still stands.
    const sendAt = this.clock.now();
    // A batch claimed just before quiet hours may reach a message after they began: hold that one until they end too.
    const quiet = rule.channels.includes(c.channel) ? quietUntil(sendAt, rule.hours) : null;
    if (quiet) {
      await this.messages.holdClaimed(db, id, c.attempts, quiet);
      return null;
    }
    if (sendAt.getTime() - claimedAt.getTime() >= STALE_SENDING_MS / 2 && !(await this.renewClaim(c))) return null;
    const result: SendResult =
      c.channel === 'sms'
        ? await this.channels.sendSms(ref, c.phone!, body)
        : await this.channels.sendWebhook(ref, { kind: c.template_kind, personId: Number(c.person_id), phone: c.phone, text: body });
    if (result.ok) {
      await sent.add({ id, at: this.clock.now(), gatewayId: result.gatewayId, recipient: c.channel === 'sms' ? c.phone : 'webhook', body });
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

/**
 * The sends a deliver job may make, per channel, taken from the rate limiter in as few calls as the
 * budget allows: each refill asks for the sends the batch still has on that channel, at most PARALLEL
 * (what it sends at once, so granted sends go out within their second). Concurrent
 * takers wait for the one refill in flight. A message that will not be sent (no phone, broken
 * template) forgoes its share, so the batch never asks for more than it sends.
 */
class TokenPool {
  private readonly held = new Map<PublicChannel, number>();
  private readonly wanted = new Map<PublicChannel, number>();
  private readonly refills = new Map<PublicChannel, Promise<void>>();

  constructor(
    private readonly limiter: ChannelRateLimiter,
    private readonly rate: (channel: PublicChannel) => number,
    claimed: ClaimedRow[],
  ) {
    for (const c of claimed) this.wanted.set(c.channel, (this.wanted.get(c.channel) ?? 0) + 1);
  }

  /** Waits for one send on this channel. */
  async take(channel: PublicChannel): Promise<void> {
    for (;;) {
      const held = this.held.get(channel) ?? 0;
      if (held > 0) {
        this.held.set(channel, held - 1);
        this.wanted.set(channel, (this.wanted.get(channel) ?? 1) - 1);
        return;
      }
      let refill = this.refills.get(channel);
      if (!refill) {
        refill = this.limiter
          .acquire(channel, this.rate(channel), Math.min(PARALLEL, Math.max(1, this.wanted.get(channel) ?? 1)))
          .then((g) => void this.held.set(channel, (this.held.get(channel) ?? 0) + g.granted))
          .finally(() => this.refills.delete(channel));
        this.refills.set(channel, refill);
      }
      await refill;
    }
  }

  /** One message of this channel will not be sent: the batch wants one send fewer. */
  forgo(channel: PublicChannel): void {
    this.wanted.set(channel, Math.max(0, (this.wanted.get(channel) ?? 0) - 1));
  }
}

/**
 * The batch's sent messages not yet written: written together, FLUSH_AT at a time or after FLUSH_MS,
 * so a batch slowed by the rate limiter keeps its rows fresh (a 'sending' row older than
 * STALE_SENDING_MS would be queued again by the reconciler).
 */
class SentRows {
  private rows: SentRow[] = [];
  private since = 0;

  constructor(private readonly write: (rows: SentRow[]) => Promise<void>) {}

  async add(row: SentRow): Promise<void> {
    if (!this.rows.length) this.since = Date.now();
    this.rows.push(row);
    if (this.rows.length >= FLUSH_AT || Date.now() - this.since >= FLUSH_MS) await this.flush();
  }

  async flush(): Promise<void> {
    const rows = this.rows;
    if (!rows.length) return;
    this.rows = [];
    await this.write(rows);
  }
}
