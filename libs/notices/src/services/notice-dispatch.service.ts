import { Clock, OutboxService, staffSendAt, WorkingCalendar } from '#core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { postRobot, StaffSms } from '../channels/staff-sms';
import { ClaimedDispatch, NoticeDispatchRepository } from '../repositories/notice-dispatch.repository';
import { classifyRobotAnswer, dingtalkSignedUrl, RobotAnswer, robotBody, robotText, SMS_ESCALATION_KINDS } from '../rules/robots';

/** Dispatches per outbox job. */
const DISPATCH_CHUNK = 50;

/**
 * Staff notices beyond the inbox: each new item goes also to its recipient's unit's group robot (DingTalk, signed;
 * WeCom, by its key URL) and, for escalations, by SMS to those who chose it, outside the quiet hours and on working
 * days only (held till then). plan() writes the dispatches and their
 * job in the transaction that files the items (so they exist exactly when the items do); run() sends each queued one
 * under its row lock and marks it sent, so a re-delivered job sends nothing twice; a retryable failure makes the job
 * fail and BullMQ retry it (5 attempts, backoff), the last one marks it failed with its reason.
 */
@Injectable()
export class NoticeDispatchService {
  private readonly logger = new Logger(NoticeDispatchService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly repo: NoticeDispatchRepository,
    private readonly sms: StaffSms,
    private readonly calendar: WorkingCalendar,
  ) {}

  /**
   * In the caller's transaction: the relays of these new items and their jobs. In the quiet hours (21:00–08:00 China
   * time, as for the public) or on a day off the jobs are held until 08:00 of the next working day, not dropped.
   */
  async plan(m: EntityManager, itemIds: string[], day: string, now: Date): Promise<number> {
    const ids = await this.repo.plan(m, itemIds, day, now, SMS_ESCALATION_KINDS);
    const runAt = staffSendAt(now, this.calendar) ?? undefined;
    for (let i = 0; i < ids.length; i += DISPATCH_CHUNK) {
      const chunk = ids.slice(i, i + DISPATCH_CHUNK).map(Number);
      await this.outbox.enqueue(m, 'notices.dispatch', { dispatchIds: chunk }, { jobId: `notice-dispatch-${chunk[0]}-${chunk.length}`, runAt });
    }
    return ids.length;
  }

  /** The job: sends each dispatch still queued; throws (to be retried) when one failed for now. */
  async run(dispatchIds: number[], job?: Job): Promise<void> {
    const final = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const retry: string[] = [];
    for (const id of dispatchIds) {
      const reason = await this.dataSource.transaction(async (m) => {
        const d = await this.repo.claim(m, String(id));
        if (!d) return null; // sent, failed for good, or being sent by another job
        const answer = await this.send(d);
        if (answer.ok) {
          await this.repo.markSent(m, d.id, this.clock.now());
          return null;
        }
        await this.repo.markError(m, d.id, answer.reason, !answer.retry || final);
        return answer.retry && !final ? answer.reason : null;
      });
      if (reason) retry.push(`${id}: ${reason}`);
    }
    if (retry.length) throw new Error(`${retry.length} notice dispatch(es) to retry: ${retry[0]}`);
  }

  private async send(d: ClaimedDispatch): Promise<RobotAnswer> {
    const text = robotText(d.subject, d.body);
    if (d.channel === 'sms') {
      if (!d.phone) return { ok: false, retry: false, reason: '用户没有登记手机号' };
      return this.sms.send(`nd-${d.id}`, d.phone, text.replace(/^【应保尽保】/, ''));
    }
    if (!d.url || !d.provider) return { ok: false, retry: false, reason: '本单位的群机器人已删除' };
    // the wall clock, not the business one: DingTalk refuses a timestamp more than an hour off its own
    const url = d.provider === 'dingtalk' ? dingtalkSignedUrl(d.url, d.secret ?? '', Date.now()) : d.url;
    const { status, answer } = await postRobot(url, robotBody(text));
    if (status === 0) return { ok: false, retry: true, reason: `机器人接口无法连接：${answer.errmsg ?? ''}` };
    const result = classifyRobotAnswer(status, answer);
    if (!result.ok) this.logger.warn(`notice dispatch ${d.id} (${d.provider}): ${result.reason}`);
    return result;
  }
}
