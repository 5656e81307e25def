import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeSmsGateway } from './fake-sms-gateway';

describe('the fake SMS gateway posts delivery reports like a real one', () => {
  it('posts a report again while the platform answers 503 (honouring Retry-After), and stops at a 4xx or the first 2xx', async () => {
    const answers = [503, 503, 202];
    const seen: { status: number; body: unknown }[] = [];
    const platform = createServer((req: IncomingMessage, res: ServerResponse) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const status = answers.shift() ?? 400;
        seen.push({ status, body: JSON.parse(data) });
        if (status === 503) res.setHeader('Retry-After', '0');
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
    const gateway = new FakeSmsGateway('k', { reportUrl: `http://127.0.0.1:${(platform.address() as AddressInfo).port}/reports`, reportRetryMs: 10 });
    await gateway.start();
    try {
      const sent = await fetch(`${gateway.url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: JSON.stringify({ to: '13800138000', text: '提醒', ref: 'r-1' }),
      });
      expect(sent.status).toBe(200);
      await gateway.flushReports();
      // two 503s (PostgreSQL restarting), then taken: three posts of one report, two of them again
      expect(seen.map((s) => s.status)).toEqual([503, 503, 202]);
      expect(seen.map((s) => (s.body as { ref: string }).ref)).toEqual(['r-1', 'r-1', 'r-1']);
      expect(gateway.reportRetries).toBe(2);
    } finally {
      await gateway.stop();
      await new Promise((r) => platform.close(r));
    }
  });

  it('marks a request whose client gave up before the answer (a timeout) as abandoned, and an answered one as not', async () => {
    const gateway = new FakeSmsGateway('k', { delayMs: 300, dedupe: false });
    await gateway.start();
    const post = (ref: string, timeoutMs: number) =>
      fetch(`${gateway.url}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: JSON.stringify({ to: '13800138000', text: '提醒', ref }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    try {
      await expect(post('r-late', 50)).rejects.toThrow();
      expect((await post('r-late', 5000)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 350)); // the first one's answer is written after its delay
      expect(gateway.requests.map((r) => [r.ref, r.abandoned])).toEqual([
        ['r-late', true],
        ['r-late', false],
      ]);
    } finally {
      await gateway.stop();
    }
  });
});
