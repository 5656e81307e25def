import { AppConfig } from '#core';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { notConfigured } from '../rules/failure-reasons';
import { FAKE_SMS_BEHAVIOUR, FakeSmsBehaviour, FakeSmsGateway } from './fake-sms-gateway';
import { postJson, PublicChannel, SendResult } from './gateway-answer';

/** Key the in-process fake gateway uses when none is configured (development and tests only). */
export const DEV_SMS_KEY = 'dev-fake-sms-key';

/** The fake gateway's behaviour from the configuration: delivery reports go to this API's own port. */
export const fakeSmsBehaviourProvider = {
  provide: FAKE_SMS_BEHAVIOUR,
  inject: [AppConfig],
  useFactory: (config: AppConfig): Partial<FakeSmsBehaviour> => ({ reportUrl: `http://127.0.0.1:${config.PORT}/api/sms-gateway/reports` }),
};

/**
 * The SMS and webhook channels. SMS goes to the configured HTTP gateway; with none configured outside
 * production, a FakeSmsGateway is started in this process (npm start uses it) and records what it got.
 */
@Injectable()
export class PublicChannels implements OnModuleDestroy {
  private readonly logger = new Logger(PublicChannels.name);
  private devGateway?: Promise<FakeSmsGateway>;

  constructor(
    private readonly config: AppConfig,
    /** How the in-process fake gateway behaves (fakeSmsBehaviourProvider: reports to this API's own port). */
    @Inject(FAKE_SMS_BEHAVIOUR) private readonly fakeBehaviour: Partial<FakeSmsBehaviour>,
  ) {}

  /** The key we send to the gateway; the built-in one only in development and test. */
  get smsKey(): string {
    return this.config.SMS_GATEWAY_KEY ?? (this.config.isProduction ? '' : DEV_SMS_KEY);
  }

  /** The key delivery reports must carry: SMS_REPORT_KEY (required in production); outside production the gateway key or the built-in one. */
  get reportKey(): string | null {
    if (this.config.SMS_REPORT_KEY) return this.config.SMS_REPORT_KEY;
    return this.config.isProduction ? null : (this.config.SMS_GATEWAY_KEY ?? DEV_SMS_KEY);
  }

  /** Constant-time check of a delivery report's key (both hashed first, so lengths match and leak nothing). */
  reportKeyMatches(given: string | undefined): boolean {
    const expected = this.reportKey;
    if (!expected || typeof given !== 'string' || !given) return false;
    const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest();
    return timingSafeEqual(digest(given), digest(expected));
  }

  private async smsBaseUrl(): Promise<string | null> {
    if (this.config.SMS_GATEWAY_URL) return this.config.SMS_GATEWAY_URL.replace(/\/$/, '');
    if (this.config.isProduction) return null;
    this.devGateway ??= (async () => {
      const g = new FakeSmsGateway(DEV_SMS_KEY, this.fakeBehaviour, this.reportKey ?? undefined);
      await g.start();
      this.logger.log(`no SMS_GATEWAY_URL: using the fake SMS gateway at ${g.url} (GET ${g.url}/messages lists what it received)`);
      return g;
    })();
    return (await this.devGateway).url;
  }

  async sendSms(ref: string, to: string, text: string): Promise<SendResult> {
    const base = await this.smsBaseUrl();
    if (!base) return { ok: false, retry: false, reason: notConfigured('SMS_GATEWAY_URL') };
    return postJson(`${base}/send`, { 'x-api-key': this.smsKey }, JSON.stringify({ to, text: `${this.config.SMS_SIGNATURE}${text}`, ref }));
  }

  /**
   * One POST per message. It carries the person's phone number, so it is signed: the header
   * x-yingbao-signature is "sha256=" and the hex HMAC-SHA256, keyed with WEBHOOK_SECRET, of
   * "<x-yingbao-timestamp>.<body>"; the receiver recomputes it and refuses stale timestamps.
   */
  async sendWebhook(ref: string, payload: object): Promise<SendResult> {
    if (!this.config.WEBHOOK_URL || !this.config.WEBHOOK_SECRET) return { ok: false, retry: false, reason: notConfigured('WEBHOOK_URL') };
    const body = JSON.stringify({ ref, ...payload });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', this.config.WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest('hex');
    const r = await postJson(this.config.WEBHOOK_URL, { 'x-yingbao-timestamp': timestamp, 'x-yingbao-signature': `sha256=${signature}` }, body);
    return r.ok ? { ok: true, gatewayId: r.gatewayId || ref } : r;
  }

  ratePerSecond(channel: PublicChannel): number {
    return channel === 'sms' ? this.config.SMS_RATE_PER_SECOND : this.config.WEBHOOK_RATE_PER_SECOND;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.devGateway) await (await this.devGateway).stop();
  }
}
