import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { makeSmallCity, makeUser } from '../helpers/factories';
import { bearer } from '../helpers/api-client';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';
import { OpenApiDoc, pool, WalkRequest, Walker } from './route-walk';

/**
 * Walks every operation of /api/docs-json with malformed path params, query values and bodies (built
 * from each operation's schema) as an admin, and asserts that none answers 5xx. New routes are walked
 * without changes here.
 */
describe('hardening: no client input answers 5xx', () => {
  let env: TestEnv;
  let api: TestApi;
  let base: string;
  let token: string;
  const logged: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    await makeSmallCity(api.ds);
    // a walker of its own, created last, so that routes acting on id 1 do not act on it
    await makeUser(api.ds, 'walker', 'C1', ['admin']);
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    token = await api.login('walker');
    Logger.overrideLogger({
      error: (m: unknown) => logged.push(String(m)),
      warn: (m: unknown) => logged.push(String(m)),
      log: () => {},
      debug: () => {},
      verbose: () => {},
    });
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  async function send(r: WalkRequest, retry = true): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = bearer(token);
    let body: string | FormData | undefined;
    if (r.multipart) {
      const form = new FormData();
      for (const [k, v] of Object.entries(r.multipart.fields)) form.append(k, v);
      for (const f of r.multipart.files) form.append(f, new Blob([Buffer.from('PK\u0003\u0004 garbage \u0000\u00ff not a workbook')]), 'garbage.xlsx');
      body = form;
    } else if (r.body !== undefined && r.method !== 'GET') {
      headers['content-type'] = 'application/json';
      body = r.body;
    }
    // A connection the server dropped (no answer at all) is as bad as a 5xx: say which request it was. Once is
    // forgiven: on two loaded cores a kept-alive socket the server is closing can be reused (ECONNRESET); a
    // request the server itself refuses to answer fails the same way again.
    const res = await fetch(base + r.url, { method: r.method, headers, body })
      .catch(() => fetch(base + r.url, { method: r.method, headers, body }))
      .catch((e: Error) => {
        throw new Error(`${r.method} ${r.url}${r.multipart ? ' (multipart)' : ''}: no answer (${(e.cause as Error | undefined)?.message ?? e.message})`);
      });
    const text = await res.text();
    // a route that ends the walker's session (logout, password change) does not fail the others
    if (res.status === 401 && retry && !r.url.startsWith('/api/auth/login')) {
      token = await api.login('walker');
      return send(r, false);
    }
    return { status: res.status, text };
  }

  it('answers no malformed request with a 5xx', async () => {
    const docRes = await fetch(`${base}/api/docs-json`);
    expect(docRes.status).toBe(200);
    const doc = (await docRes.json()) as OpenApiDoc;
    const all = new Walker(doc).requests();
    // session-ending routes last, so a logout cannot race the rest
    const last = (r: WalkRequest) => (r.url.startsWith('/api/auth/') ? 1 : 0);
    all.sort((a, b) => last(a) - last(b));
    expect(Object.keys(doc.paths).length).toBeGreaterThan(40);
    expect(all.length).toBeGreaterThan(1000);

    const failures: string[] = [];
    const stats: Record<number, number> = {};
    const first = all.filter((r) => !last(r));
    const authRoutes = all.filter((r) => last(r));
    const run = async (r: WalkRequest) => {
      const before = logged.length;
      const res = await send(r);
      stats[res.status] = (stats[res.status] ?? 0) + 1;
      // the database's refusal is only the safety net: the shared validators must refuse such input first
      const byDatabase = res.status === 400 && res.text.includes('"database"');
      if (res.status >= 500 || byDatabase) {
        const log = logged.slice(before).join(' ').split('\n').slice(0, 3).join(' | ');
        failures.push(`${r.method} ${r.url.slice(0, 120)} [${r.what}] → ${res.status} ${res.text.slice(0, 200)} ${log.slice(0, 400)}`);
      }
    };
    await pool(first, 6, run);
    await pool(authRoutes, 1, run);
    if (process.env.ROUTE_WALK_OUT) require('node:fs').writeFileSync(process.env.ROUTE_WALK_OUT, JSON.stringify(stats) + '\n' + failures.join('\n'));
    expect(failures).toEqual([]);
  }, 240000);
});
