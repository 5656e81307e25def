import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { freePort } from '../helpers/own-servers';

const { startProxy } = require('../../scripts/proxy.js') as {
  startProxy: (o: { port: number; host?: string; upstreams: string }) => Promise<Server>;
};

/** scripts/proxy.js: one port in front of several API processes (npm run cluster, compose's scale profile). */
describe('the reverse proxy in front of several APIs', () => {
  const servers: Server[] = [];
  let proxy: Server;
  let origin: string;
  let downPort: number;

  /** An upstream answering its name, the request's method, body and X-Forwarded-For. */
  const upstream = async (name: string): Promise<number> => {
    const srv = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': name });
        res.end(JSON.stringify({ name, method: req.method, url: req.url, body: Buffer.concat(chunks).toString(), xff: req.headers['x-forwarded-for'] }));
      });
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    servers.push(srv);
    return (srv.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    const a = await upstream('a');
    const b = await upstream('b');
    downPort = await freePort(); // nothing listens there: an API process that died
    const port = await freePort();
    proxy = await startProxy({ port, host: '127.0.0.1', upstreams: `127.0.0.1:${a},127.0.0.1:${downPort},127.0.0.1:${b}` });
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    proxy?.close();
    for (const s of servers) s.close();
  });

  it('spreads requests over the upstreams that answer, passing method, path, body and the client address; a dead one is skipped', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${origin}/api/x?i=${i}`, { method: 'POST', body: `body-${i}`, headers: { 'content-type': 'text/plain' } });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { name: string; method: string; url: string; body: string; xff: string };
      expect(body).toMatchObject({ method: 'POST', url: `/api/x?i=${i}`, body: `body-${i}`, xff: '127.0.0.1' });
      seen.push(body.name);
    }
    // never lost to the dead upstream, and both live ones served
    expect(seen.length).toBe(6);
    expect(new Set(seen)).toEqual(new Set(['a', 'b']));
    expect(seen.filter((n) => n === 'a').length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((n) => n === 'b').length).toBeGreaterThanOrEqual(2);
  });

  it("replaces a client's own X-Forwarded-For with the address it came from (no forged req.ip behind TRUST_PROXY)", async () => {
    const res = await fetch(`${origin}/api/x`, { headers: { 'x-forwarded-for': '10.9.8.7' } });
    expect(((await res.json()) as { xff: string }).xff).toBe('127.0.0.1');
  });

  it('answers 502 in one JSON line when no upstream answers', async () => {
    const port = await freePort();
    const lonely = await startProxy({ port, host: '127.0.0.1', upstreams: `127.0.0.1:${downPort}` });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ statusCode: 502, error: 'Bad Gateway', message: '服务暂时不可用，请稍后再试 (no API process answers)' });
    } finally {
      lonely.close();
    }
  });
});
