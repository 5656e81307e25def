import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakeSmsRequest {
  at: number;
  to: string;
  text: string;
  ref: string;
  status: number;
  /**
   * The client had gone before the answer was written (its timeout fired: it will retry under the same
   * ref, which a deduping gateway answers as a duplicate). Set when the answer is written.
   */
  abandoned?: boolean;
}
export interface FakeSmsMessage {
  id: string;
  to: string;
  text: string;
  ref: string;
  at: number;
}

/** Numbers the fake gateway accepts but reports as undeliverable (空号): mobile numbers ending in 0000. */
export const UNDELIVERABLE = /0000$/;
const MOBILE = /^1[3-9]\d{9}$/;

/** How the fake gateway behaves; every field has a default (FAKE_SMS_DEFAULTS). */
export interface FakeSmsBehaviour {
  /** Where delivery reports are posted; none are posted while unset. */
  reportUrl?: string;
  /** When false, reports are kept until flushReports(). */
  autoReport: boolean;
  /** When true, the delivery report reaches the platform before the send request is answered (real gateways race like this). */
  reportBeforeAnswer: boolean;
  /** Delivery reports the platform could not take are posted again: this many times in all, waiting Retry-After or reportRetryMs times the attempt, at most reportRetryMaxMs. */
  reportAttempts: number;
  reportRetryMs: number;
  reportRetryMaxMs: number;
  /** Milliseconds each send waits before it is handled and answered; a client that dies meanwhile still gets its SMS sent. */
  delayMs: number;
  /** When false, a repeated ref is sent again as a new message (a gateway without client references). */
  dedupe: boolean;
  /** When false, requests and messages are not kept (a million-message benchmark): count with onAccepted instead. */
  keepRecords: boolean;
  /** Called for every accepted message. */
  onAccepted?: (msg: FakeSmsMessage) => void;
}

export const FAKE_SMS_DEFAULTS: Readonly<FakeSmsBehaviour> = {
  autoReport: true,
  reportBeforeAnswer: false,
  reportAttempts: 8,
  reportRetryMs: 1000,
  reportRetryMaxMs: 30_000,
  delayMs: 0,
  dedupe: true,
  keepRecords: true,
};

/** Nest token of the behaviour of the fake gateway the outreach library starts in development (PublicChannels). */
export const FAKE_SMS_BEHAVIOUR = 'FAKE_SMS_BEHAVIOUR';

/**
 * A small SMS gateway for tests and development. POST /send {to, text, ref} with header x-api-key:
 * 200 {messageId}; 400 {code:'INVALID_NUMBER'} for a number that is not a mobile number (permanent);
 * scripted 429/500 answers per number; a repeated ref returns the first messageId (the gateway's
 * idempotency, what real gateways offer as a client reference). It records every request and every
 * accepted message, and when a reportUrl is set it posts a delivery report for each accepted message.
 *
 * Its control API, for tests and benchmarks: the behaviour given to the constructor, changed later with
 * `behave({...})` (slow it down, switch its dedupe off, hold or race reports, stop keeping records);
 * `script()` for scripted answers; `flushReports()` for held reports; the read-only records and counters.
 */
export class FakeSmsGateway {
  readonly requests: FakeSmsRequest[] = [];
  readonly messages: FakeSmsMessage[] = [];
  private readonly byRef = new Map<string, FakeSmsMessage>();
  private readonly scripts = new Map<string, number[]>();
  private server?: Server;
  private seq = 0;
  private pendingReports = new Set<Promise<void>>();
  private heldReports: FakeSmsMessage[] = [];
  private behaviour: FakeSmsBehaviour;
  private counts = { reportRetries: 0, inFlight: 0, answered200: 0, accepted: 0 };

  constructor(
    readonly key: string,
    behaviour: Partial<FakeSmsBehaviour> = {},
    /** Key sent with delivery reports (SMS_REPORT_KEY on our side); default the send key. */
    readonly reportKey: string = key,
  ) {
    this.behaviour = { ...FAKE_SMS_DEFAULTS, ...behaviour };
  }

  /** Changes how the gateway behaves from now on (the fields given; the others stay). */
  behave(changes: Partial<FakeSmsBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...changes };
  }

  /** Reports posted again so far. */
  get reportRetries(): number {
    return this.counts.reportRetries;
  }

  /** Send requests being handled right now (waiting out delayMs included). */
  get inFlight(): number {
    return this.counts.inFlight;
  }

  /** Send requests answered 200, counted even when keepRecords is false. */
  get answered200(): number {
    return this.counts.answered200;
  }

  /** Send requests accepted as new messages, counted even when keepRecords is false. */
  get accepted(): number {
    return this.counts.accepted;
  }

  get url(): string {
    if (!this.server) throw new Error('fake SMS gateway not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // fetch (undici) keeps a connection for the server's keep-alive hint minus 1 s: at 1 s it would open one per request
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this.url;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.pendingReports]);
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The next answers for a number, e.g. [429, 429]: then it accepts. */
  script(to: string, statuses: number[]): void {
    this.scripts.set(to, [...statuses]);
  }

  requestsTo(to: string): FakeSmsRequest[] {
    return this.requests.filter((r) => r.to === to);
  }

  async flushReports(): Promise<void> {
    const held = this.heldReports;
    this.heldReports = [];
    await Promise.all(held.map((m) => this.report(m)));
    await Promise.allSettled([...this.pendingReports]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method === 'GET' && req.url?.startsWith('/messages')) return send(200, { total: this.messages.length, items: this.messages.slice(-200) });
      if (req.method !== 'POST' || req.url !== '/send') return send(404, { code: 'NOT_FOUND' });
      this.counts.inFlight++;
      try {
        await this.handleSend(req, res, send);
      } finally {
        this.counts.inFlight--;
      }
    } catch (e) {
      send(500, { code: 'GATEWAY_ERROR', message: (e as Error).message });
    }
  }

  private async handleSend(req: IncomingMessage, res: ServerResponse, answer: (status: number, body: object) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.behaviour.delayMs > 0) await new Promise((r) => setTimeout(r, this.behaviour.delayMs));
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { to?: string; text?: string; ref?: string };
    const to = String(body.to ?? '');
    const ref = String(body.ref ?? '');
    let entry: FakeSmsRequest | undefined;
    const record = (status: number) => {
      if (status === 200) this.counts.answered200++;
      entry = { at: Date.now(), to, text: String(body.text ?? ''), ref, status };
      if (this.behaviour.keepRecords) this.requests.push(entry);
    };
    const send = (status: number, body: object) => {
      if (entry) entry.abandoned = res.destroyed || req.socket.destroyed;
      answer(status, body);
    };
    if (req.headers['x-api-key'] !== this.key) {
      record(401);
      return send(401, { code: 'BAD_KEY', message: 'unknown api key' });
    }
    const scripted = this.scripts.get(to)?.shift();
    if (scripted) {
      record(scripted);
      return send(scripted, { code: scripted === 429 ? 'RATE_LIMITED' : 'GATEWAY_ERROR' });
    }
    if (!MOBILE.test(to)) {
      record(400);
      return send(400, { code: 'INVALID_NUMBER', message: `${to} is not a mobile number` });
    }
    if (!ref || !body.text) {
      record(400);
      return send(400, { code: 'BAD_REQUEST', message: 'text and ref are required' });
    }
    record(200);
    const known = this.behaviour.dedupe ? this.byRef.get(ref) : undefined;
    if (known) return send(200, { messageId: known.id, duplicate: true });
    const msg: FakeSmsMessage = { id: `fake-${++this.seq}`, to, text: String(body.text), ref, at: Date.now() };
    this.counts.accepted++;
    if (this.behaviour.keepRecords) this.messages.push(msg);
    if (this.behaviour.dedupe) this.byRef.set(ref, msg);
    this.behaviour.onAccepted?.(msg);
    if (this.behaviour.reportUrl && this.behaviour.autoReport && this.behaviour.reportBeforeAnswer) await this.report(msg);
    send(200, { messageId: msg.id });
    if (this.behaviour.reportUrl && !this.behaviour.reportBeforeAnswer) {
      if (this.behaviour.autoReport) void this.report(msg);
      else this.heldReports.push(msg);
    }
  }

  private report(msg: FakeSmsMessage): Promise<void> {
    const p = this.postReport(msg).finally(() => this.pendingReports.delete(p));
    this.pendingReports.add(p);
    return p;
  }

  /**
   * Posts one delivery report. Like a real gateway's push, a report the platform could not take (a 5xx
   * while PostgreSQL restarts, the connection refused) is posted again, after Retry-After when given,
   * up to reportAttempts times; a 4xx is the platform's final word.
   */
  private async postReport(msg: FakeSmsMessage): Promise<void> {
    const failed = UNDELIVERABLE.test(msg.to);
    const body = JSON.stringify({
      messageId: msg.id,
      ref: msg.ref,
      status: failed ? 'FAILED' : 'DELIVERED',
      reason: failed ? '空号 (number does not exist)' : undefined,
    });
    for (let attempt = 1; ; attempt++) {
      let wait: number;
      try {
        const res = await fetch(this.behaviour.reportUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': this.reportKey },
          body,
        });
        if (res.status < 500) return;
        wait = Number(res.headers.get('retry-after') ?? 0) * 1000 || this.behaviour.reportRetryMs * attempt;
      } catch {
        wait = this.behaviour.reportRetryMs * attempt;
      }
      this.counts.reportRetries++;
      if (attempt >= this.behaviour.reportAttempts) return;
      await new Promise((r) => setTimeout(r, Math.min(wait, this.behaviour.reportRetryMaxMs)));
    }
  }
}
