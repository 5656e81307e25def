import { OutboxRelay } from '#core';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { makeSmallCity } from '../helpers/factories';
import { freePort } from '../helpers/own-servers';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv, waitFor } from '../helpers/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-test-0123456789';

/**
 * Issue 19 point 5: what operators see. /metrics is not public and counts requests by route template; liveness and
 * readiness of api and worker (the worker on WORKER_HEALTH_PORT, with its relay heartbeat and the outbox lag); every
 * error answer carries the request's id (also in X-Request-Id); the queue dashboard opens only with an admin's cookie.
 */
describe('operators: metrics, health, request ids, queue dashboard', () => {
  let env: TestEnv;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let workerPort: number;
  let admin: string;
  let office: string;

  beforeAll(async () => {
    workerPort = await freePort();
    env = await createTestEnv({ METRICS_TOKEN, WORKER_HEALTH_PORT: String(workerPort), OUTBOX_LAG_READY_SECONDS: '60' });
    api = await startApi(env);
    await makeSmallCity(api.ds);
    admin = await api.login('admin');
    office = await api.login('office');
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await env.drop();
  });

  /** An outbox row written `agoSeconds` ago and held locked (the relay skips it): the outbox lags that much until release. */
  async function heldOutboxRow(ds: DataSource, agoSeconds: number): Promise<() => Promise<void>> {
    const [{ id }] = await ds.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, created_at) VALUES ('system', 'system.probe', '', '{"probeId": 0}', now() - $1 * interval '1 second') RETURNING id`,
      [agoSeconds],
    );
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    await qr.query(`SELECT id FROM outbox WHERE id = $1 FOR UPDATE`, [id]);
    return async () => {
      await qr.query(`UPDATE outbox SET dead_at = now(), dead_reason = 'test row' WHERE id = $1`, [id]);
      await qr.commitTransaction();
      await qr.release();
    };
  }

  it('error answers carry the request id that the X-Request-Id header and the logs carry', async () => {
    const missing = await api.as(office).get('/api/campaigns/987654');
    expect(missing.status).toBe(404);
    expect(missing.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.headers['x-request-id']).toBe(missing.body.requestId);
    // a proxy's id is kept; an unusable one (a space) is replaced
    const given = await api.http().get('/api/campaigns').set('X-Request-Id', 'lb-4711');
    expect([given.status, given.body.requestId, given.headers['x-request-id']]).toEqual([401, 'lb-4711', 'lb-4711']);
    const bad = await api.http().get('/api/campaigns').set('X-Request-Id', 'a b');
    expect(bad.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // a validation error too
    const invalid = await api.as(office).get('/api/campaigns?page=zero');
    expect(invalid.status).toBe(400);
    expect(invalid.body.requestId).toBe(invalid.headers['x-request-id']);
  });

  it('/metrics needs the METRICS_TOKEN or an admin, and counts requests by route template', async () => {
    const none = await api.http().get('/metrics');
    expect([none.status, none.body.error]).toEqual([401, 'UNAUTHENTICATED']);
    expect(none.body.requestId).toBeTruthy();
    expect((await api.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await api.as(office).get('/metrics')).status).toBe(403);

    const SERIES = /yingbao_http_request_duration_seconds_count\{method="GET",route="\/api\/campaigns\/:id",status="404"\} (\d+)\n/;
    const before = Number(SERIES.exec((await api.as(admin).get('/metrics')).text)?.[1] ?? 0);
    await api.as(office).get('/api/campaigns/987654');
    await api.as(office).get('/api/campaigns/123456');
    const held = await heldOutboxRow(api.ds, 90);
    try {
      const byToken = await api.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(byToken.status).toBe(200);
      expect(byToken.headers['content-type']).toContain('text/plain');
      const text = byToken.text;
      // two requests to two ids: one series of the template, no raw URL
      expect(Number(SERIES.exec(text)?.[1])).toBe(before + 2);
      expect(text).not.toContain('987654');
      expect(text).not.toContain('123456');
      expect(text).toMatch(/yingbao_queue_jobs\{queue="imports",state="waiting"\} 0\n/);
      expect(text).toMatch(/yingbao_queue_jobs\{queue="notices",state="failed"\} 0\n/);
      expect(text).toMatch(/yingbao_outbox_waiting 1\n/);
      const lag = Number(/yingbao_outbox_lag_seconds (\d+)/.exec(text)?.[1]);
      expect(lag).toBeGreaterThanOrEqual(90);
      expect(lag).toBeLessThan(120);
      for (const name of [
        'yingbao_import_rows_total',
        'yingbao_messages_total',
        'yingbao_cutoff_runs_total',
        'yingbao_jobs_total',
        'yingbao_import_rows_per_second',
      ])
        expect(text).toContain(`# TYPE ${name} `);
      // an admin's login token reads it too
      expect((await api.as(admin).get('/metrics')).status).toBe(200);
    } finally {
      await held();
    }
  });

  it('api liveness and readiness', async () => {
    const live = await api.http().get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', pid: process.pid });
    const ready = await api.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up', outbox: { waiting: 0, lagSeconds: 0 } });
  });

  it('the worker answers on WORKER_HEALTH_PORT: ready with its relay heartbeat, not ready when the outbox lags', async () => {
    worker = await startWorker(env);
    const base = `http://127.0.0.1:${workerPort}`;
    expect((await request(base).get('/health/live')).status).toBe(200);
    const ready = await waitFor(async () => {
      const r = await request(base).get('/health/ready');
      return r.status === 200 ? r : null;
    });
    // (the worker's schedules write their first jobs as it starts: the relay takes them within a pass)
    expect(ready!.body).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up', outbox: { waiting: expect.any(Number) }, heartbeat: { fresh: true } });
    expect(ready!.body.outbox.lagSeconds).toBeLessThanOrEqual(5);
    expect(ready!.body.heartbeat.lastPassSecondsAgo).toBeLessThanOrEqual(1);

    expect((await request(base).get('/metrics')).status).toBe(401);
    const metrics = await request(base).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('# TYPE yingbao_jobs_total counter');
    expect((await request(base).get('/elsewhere')).status).toBe(404);

    // the relay stops (as if stuck): a job written 75 s ago waits, over the 60 s allowed
    worker.get(OutboxRelay).onApplicationShutdown();
    await new Promise((r) => setTimeout(r, 1000)); // a pass under way ends
    const [{ id }] = await api.ds.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, created_at) VALUES ('system', 'system.probe', '', '{"probeId": 0}', now() - interval '75 seconds') RETURNING id`,
    );
    try {
      const lagging = await request(base).get('/health/ready');
      expect(lagging.status).toBe(503);
      expect(lagging.body.message).toMatch(/^outbox lag 7\d s over 60 s$/);
      expect(lagging.body.heartbeat.fresh).toBe(true);
    } finally {
      await api.ds.query(`UPDATE outbox SET dead_at = now(), dead_reason = 'test row' WHERE id = $1`, [id]);
    }
  });

  it('the queue dashboard opens with the cookie an admin call sets, and closes with the login', async () => {
    const page = '/api/admin/queues';
    const without = await api.http().get(page);
    expect([without.status, without.body.error]).toEqual([401, 'UNAUTHENTICATED']);
    expect(without.body.message).toContain('队列监控');
    expect((await api.as(office).post('/api/admin/queue-board/session')).status).toBe(403);

    const adminToken = await api.login('admin'); // a login of its own, ended below
    const opened = await api.as(adminToken).post('/api/admin/queue-board/session');
    expect(opened.status).toBe(200);
    expect(opened.body.url).toBe(page);
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toMatch(/^yb_queue_board=[^;]+; Max-Age=600; Path=\/api\/admin\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0];

    const html = await api.http().get(page).set('Cookie', cookie);
    expect(html.status).toBe(200);
    expect(html.text).toContain('<base href="/api/admin/queues/"');
    const queues = await api.http().get(`${page}/api/queues`).set('Cookie', cookie);
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['bulletins', 'deadlines', 'escalation', 'imports', 'notices', 'system']);
    // a forged or altered cookie is refused
    expect(
      (
        await api
          .http()
          .get(`${page}/api/queues`)
          .set(
            'Cookie',
            cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
          )
      ).status,
    ).toBe(401);
    // the cookie lasts ten minutes
    env.clock.advance(601_000);
    expect((await api.http().get(`${page}/api/queues`).set('Cookie', cookie)).status).toBe(401);
    env.clock.advance(-601_000);
    expect((await api.http().get(`${page}/api/queues`).set('Cookie', cookie)).status).toBe(200);
    // and no longer than the login
    expect((await api.as(adminToken).post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await api.http().get(`${page}/api/queues`).set('Cookie', cookie)).status).toBe(401);
  });
});
