import { AuditService, Clock, DomainError } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutreachMessageRepository } from '../repositories/outreach-message.repository';
import { undelivered } from '../rules/failure-reasons';
import { parseMessageRef } from '../rules/message-ref';

/** Delivery reports from the SMS gateway. */
@Injectable()
export class DeliveryReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly messages: OutreachMessageRepository,
  ) {}

  /**
   * A gateway delivery report: sent (or still sending) → delivered or failed, and its audit row in the
   * same transaction. It counts only when the ref's id, resend and token all match: a guessed or forged
   * ref (right id, wrong token) answers { updated: 0 } exactly like a duplicate report, so it tells
   * nothing about which messages exist.
   */
  async report(input: { ref: string; messageId?: string; status: 'DELIVERED' | 'FAILED'; reason?: string }): Promise<{ updated: number }> {
    const ref = parseMessageRef(input.ref);
    if (!ref) throw DomainError.validation('ref', `短信回执的消息编号 ref 格式不对: unknown message reference ${input.ref.slice(0, 80)}`);
    const now = this.clock.now();
    const state = input.status === 'DELIVERED' ? 'delivered' : 'failed';
    const failureReason = state === 'delivered' ? null : undelivered(input.reason);
    return this.dataSource.transaction(async (m) => {
      // lock the message first, so the audit row's before-state is the one this report changed
      const row = await this.messages.lockReported(m, ref);
      if (!row) return { updated: 0 };
      await this.messages.applyReport(m, ref.id, { state, at: now, failureReason, gatewayId: input.messageId ?? null });
      // actor null = the system (here the SMS gateway, authenticated by the report key); reportedBy says which
      await this.audit.record(m, null, {
        action: 'delivery-report',
        entity: 'outreach_message',
        entityId: ref.id,
        orgUnitPath: row.org_unit_path,
        before: { state: row.state },
        after: { state, resends: ref.resends, gatewayId: input.messageId ?? null, failureReason, reportedBy: 'sms-gateway' },
      });
      return { updated: 1 };
    });
  }
}
