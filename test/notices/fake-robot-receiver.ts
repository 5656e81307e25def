import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RobotCall {
  provider: 'dingtalk' | 'wecom';
  /** The robot's token (DingTalk's access_token, WeCom's key). */
  token: string;
  text: string;
  status: number;
  errcode: number;
  /** DingTalk: the sign matched the HMAC this receiver computed with the robot's secret, over a fresh timestamp. */
  signed: boolean;
}

/**
 * DingTalk's and WeCom's group robot endpoints as they behave: DingTalk (`/robot/send?access_token=…&timestamp=…&sign=…`)
 * checks sign = base64(HMAC-SHA256(secret, "timestamp\nsecret")) and a timestamp within an hour, answering errcode
 * 310000 otherwise; WeCom (`/cgi-bin/webhook/send?key=…`) knows its keys (93000 otherwise). Both answer 200 with
 * { errcode, errmsg }; statuses scripted per token come first (e.g. a 503).
 */
export class FakeRobotReceiver {
  readonly calls: RobotCall[] = [];
  private server?: Server;
  private readonly scripts = new Map<string, number[]>();

  /** secrets: DingTalk access_token → its signing secret; keys: the WeCom keys it knows. */
  constructor(
    private readonly secrets: Record<string, string>,
    private readonly keys: string[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  script(token: string, statuses: number[]): void {
    this.scripts.set(token, [...statuses]);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { msgtype?: string; text?: { content?: string } };
        const provider = u.pathname === '/robot/send' ? 'dingtalk' : 'wecom';
        const token = (provider === 'dingtalk' ? u.searchParams.get('access_token') : u.searchParams.get('key')) ?? '';
        let signed = false;
        if (provider === 'dingtalk') {
          const secret = this.secrets[token];
          const ts = Number(u.searchParams.get('timestamp'));
          const given = Buffer.from(u.searchParams.get('sign') ?? '');
          const expected = secret ? Buffer.from(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')) : Buffer.alloc(0);
          signed = !!secret && given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() - ts) < 3600_000;
        }
        const scripted = this.scripts.get(token)?.shift();
        const status = scripted ?? 200;
        const known = provider === 'dingtalk' ? signed : this.keys.includes(token);
        const errcode = status !== 200 ? -1 : body.msgtype !== 'text' ? 40008 : known ? 0 : provider === 'dingtalk' ? 310000 : 93000;
        this.calls.push({ provider, token, text: body.text?.content ?? '', status, errcode, signed });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode, errmsg: errcode === 0 ? 'ok' : errcode === 310000 ? 'sign not match' : 'error' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  accepted(provider: 'dingtalk' | 'wecom', token: string): RobotCall[] {
    return this.calls.filter((c) => c.provider === provider && c.token === token && c.errcode === 0);
  }
}
