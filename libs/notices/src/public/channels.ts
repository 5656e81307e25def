import { AppConfig } from '#core';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { FakeSmsGateway } from './fake-sms-gateway';

export type SendResult = { ok: true; gatewayId: string } | { ok: false; retry: boolean; reason: string };
export type PublicChannel = 'sms' | 'webhook';

/** Key the in-process fake gateway uses when none is configured (development and tests only). */
export const DEV_SMS_KEY = 'dev-fake-sms-key';
const TIMEOUT_MS = 10000;

/** Classifies an HTTP answer: 2xx sent; 429 and 5xx retried with backoff; any other 4xx is permanent. */
export function classify(status: number, body: { code?: string; message?: string; messageId?: string }): SendResult {
  if (status >= 200 && status < 300) return { ok: true, gatewayId: String(body.messageId ?? '') };
  const what = [body.code, body.message].filter(Boolean).join(': ') || `HTTP ${status}`;
  if (status === 429) return { ok: false, retry: true, reason: `rate limited by gateway (${what})` };
  if (status >= 500) return { ok: false, retry: true, reason: `gateway failed (${what})` };
  return { ok: false, retry: false, reason: what };
}

async function postJson(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    let answer: { code?: string; message?: string; messageId?: string } = {};
    try {
      answer = text ? JSON.parse(text) : {};
    } catch {
      answer = { message: text.slice(0, 200) };
    }
    return classify(res.status, answer);
  } catch (e) {
    return { ok: false, retry: true, reason: `gateway unreachable (${(e as Error).message})` };
  }
}

/**
 * The SMS and webhook channels. SMS goes to the configured HTTP gateway; with none configured outside
 * production, a FakeSmsGateway is started in this process (npm start uses it) and records what it got.
 */
@Injectable()
export class PublicChannels implements OnModuleDestroy {
  private readonly logger = new Logger(PublicChannels.name);
  private devGateway?: Promise<FakeSmsGateway>;

  constructor(private readonly config: AppConfig) {}

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
      const g = new FakeSmsGateway(DEV_SMS_KEY, `http://127.0.0.1:${this.config.PORT}/api/sms-gateway/reports`, this.reportKey ?? undefined);
      await g.start();
      this.logger.log(`no SMS_GATEWAY_URL: using the fake SMS gateway at ${g.url} (GET ${g.url}/messages lists what it received)`);
      return g;
    })();
    return (await this.devGateway).url;
  }

  async sendSms(ref: string, to: string, text: string): Promise<SendResult> {
    const base = await this.smsBaseUrl();
    if (!base) return { ok: false, retry: false, reason: 'SMS_GATEWAY_URL is not configured' };
    return postJson(`${base}/send`, { 'x-api-key': this.smsKey }, JSON.stringify({ to, text: `${this.config.SMS_SIGNATURE}${text}`, ref }));
  }

  /**
   * One POST per message. It carries the person's phone number, so it is signed: the header
   * x-yingbao-signature is "sha256=" and the hex HMAC-SHA256, keyed with WEBHOOK_SECRET, of
   * "<x-yingbao-timestamp>.<body>"; the receiver recomputes it and refuses stale timestamps.
   */
  async sendWebhook(ref: string, payload: object): Promise<SendResult> {
    if (!this.config.WEBHOOK_URL || !this.config.WEBHOOK_SECRET) return { ok: false, retry: false, reason: 'WEBHOOK_URL is not configured' };
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

/**
 * Messages per second per channel, across every worker: a counter per channel and wall-clock second
 * in Redis (INCR is atomic), so N workers together stay under the configured rate.
 */
@Injectable()
export class ChannelRateLimiter implements OnModuleDestroy {
  private redis?: Redis;

  constructor(private readonly config: AppConfig) {}

  private client(): Redis {
    if (!this.redis) {
      this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }

  /** Waits until a send on this channel fits in the current second's budget; answers that second (Unix seconds). */
  async acquire(channel: string, perSecond: number): Promise<number> {
    for (;;) {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      const key = `${this.config.QUEUE_PREFIX}:ratelimit:${channel}:${second}`;
      const res = await this.client().multi().incr(key).expire(key, 5).exec();
      const n = Number(res?.[0]?.[1] ?? Infinity);
      if (n <= perSecond) return second;
      await new Promise((r) => setTimeout(r, (second + 1) * 1000 - now + Math.floor(Math.random() * 20)));
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis) this.redis.disconnect();
  }
}
