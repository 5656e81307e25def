import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface WebhookCall {
  at: number;
  path: string;
  contentType: string | undefined;
  body: { ref: string; kind: string; personId: number; phone: string | null; text: string };
  status: number;
  /** The signature header matched the HMAC this receiver computed over the raw body with the shared secret. */
  signed: boolean;
  /** Seconds between the call's timestamp header and its arrival. */
  age: number;
}

/**
 * Another system's endpoint for the webhook channel: records every POST and answers 200, or the
 * statuses scripted for a person (e.g. [503, 429], then 200; or [422] for a refusal). It checks each
 * call's signature as a receiving system would, with the secret both sides share.
 */
export class FakeWebhookReceiver {
  constructor(private readonly secret: string) {}

  readonly calls: WebhookCall[] = [];
  private readonly scripts = new Map<number, number[]>();
  private server?: Server;

  get url(): string {
    if (!this.server) throw new Error('fake webhook receiver not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(raw || '{}') as WebhookCall['body'];
        const timestamp = String(req.headers['x-yingbao-timestamp'] ?? '');
        const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(`${timestamp}.${raw}`).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-yingbao-signature'] ?? ''));
        const signed = given.length === expected.length && timingSafeEqual(given, expected);
        const status = this.scripts.get(body.personId)?.shift() ?? 200;
        const at = Date.now();
        this.calls.push({ at, path: req.url ?? '', contentType: req.headers['content-type'], body, status, signed, age: at / 1000 - Number(timestamp) });
        res.writeHead(status, { 'content-type': 'application/json' });
        const answer =
          status === 200
            ? { received: body.ref }
            : status === 422
              ? { code: 'UNKNOWN_PERSON', message: `person ${body.personId} is not known here` }
              : { code: status === 429 ? 'RATE_LIMITED' : 'BUSY', message: 'try again later' };
        res.end(JSON.stringify(answer));
      });
    });
    // fetch (undici) keeps a connection for the server's keep-alive hint minus 1 s: at 1 s it would open one per request
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The next answers for a person's messages. */
  script(personId: number, statuses: number[]): void {
    this.scripts.set(personId, [...statuses]);
  }

  callsFor(personId: number): WebhookCall[] {
    return this.calls.filter((c) => c.body.personId === personId);
  }
}
