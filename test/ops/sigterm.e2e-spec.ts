import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { freePort, OwnPostgres, startRedis, stopRedis } from '../helpers/own-servers';
import { waitFor } from '../helpers/test-app';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test', 'notices', 'process', 'ts-register.js');
const ADMIN_PASSWORD = 'Strong-Root-2026!x';

jest.setTimeout(180000);

interface Started {
  child: ChildProcess;
  out: () => string;
  /** Sends the signal; answers how the process ended and how long it took (ms). */
  stop: (signal: NodeJS.Signals) => Promise<{ how: string; ms: number }>;
}

/**
 * Issue 19 point 5: SIGTERM stops the api and the worker (the real entry points, in production mode) within
 * seconds, also when their PostgreSQL has gone away; the api's start-up log has no route dump at info and
 * its request lines carry the request id and the user id. On a PostgreSQL and a Redis of the test's own.
 */
describe('SIGTERM stops api and worker within seconds', () => {
  let pg: OwnPostgres;
  let redis: ChildProcess;
  let redisPort: number;
  let url: string;
  const started: Started[] = [];

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    url = (await pg.migrated('yingbao_sigterm')).url;
  });
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await stopRedis(redis);
    pg?.destroy();
  });

  async function start(entry: string, ready: string, vars: Record<string, string>): Promise<Started> {
    const child = spawn(process.execPath, ['-r', REGISTER, join(ROOT, entry)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATABASE_URL: url,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        QUEUE_PREFIX: 'ybsig',
        JWT_SECRET: 'sigterm-test-secret-0123456789abcdef-xyz',
        ADMIN_PASSWORD,
        SMS_REPORT_KEY: 'r'.repeat(32),
        SMS_GATEWAY_URL: 'http://127.0.0.1:9/',
        SMS_GATEWAY_KEY: 'k'.repeat(16),
        ...vars,
      },
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${entry} exited before it was ready:\n${out}`);
        return out.includes(ready);
      },
      90000,
      100,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${out}`);
    });
    const s: Started = {
      child,
      out: () => out,
      stop: async (signal) => {
        const t0 = Date.now();
        child.kill(signal);
        const how = await exited;
        return { how, ms: Date.now() - t0 };
      },
    };
    started.push(s);
    return s;
  }

  const startApi = async () => {
    const port = await freePort();
    return { port, api: await start('apps/api/src/main.ts', 'Yingbao API listening', { PORT: String(port) }) };
  };
  const startWorker = async () => {
    const port = await freePort();
    const w = await start('apps/worker/src/main.ts', 'processing queues', { WORKER_HEALTH_PORT: String(port) });
    await waitFor(async () => (await request(`http://127.0.0.1:${port}`).get('/health/ready')).status === 200, 30000, 200);
    return { port, worker: w };
  };

  it('stops an api and a worker within seconds; the api logs no route dump and tells requests by id and user', async () => {
    const { port, api } = await startApi();
    const { worker } = await startWorker();
    const http = request(`http://127.0.0.1:${port}`);
    const login = await http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const bearer = { Authorization: `Bearer ${login.body.accessToken}` };
    const me = (await http.get('/api/auth/me').set(bearer)).body;
    const missing = await http.get('/api/campaigns/424242').set(bearer);
    expect(missing.status).toBeGreaterThanOrEqual(400); // (403 or 404: the first admin must change its password first)
    expect(missing.body.requestId).toBeTruthy();
    // the request's log line: JSON with its id (the one the error answer carries) and the caller
    const line = await waitFor(async () =>
      api
        .out()
        .split('\n')
        .find((l) => l.includes('/api/campaigns/424242') && l.includes(`"statusCode":${missing.status}`)),
    );
    expect(JSON.parse(line!)).toMatchObject({ requestId: missing.body.requestId, userId: me.id });
    expect(api.out()).not.toContain('Mapped {');
    expect(api.out()).not.toContain('RouterExplorer');

    const apiStop = await api.stop('SIGTERM');
    const workerStop = await worker.stop('SIGTERM');
    expect(apiStop.ms).toBeLessThan(5000);
    expect(workerStop.ms).toBeLessThan(5000);
    expect([apiStop.how, workerStop.how]).toEqual(['SIGTERM', 'SIGTERM']);
  });

  it('stops them within seconds when their PostgreSQL has gone away', async () => {
    const { api } = await startApi();
    const { worker } = await startWorker();
    pg.down();
    await new Promise((r) => setTimeout(r, 1500)); // the relay and the schedules meet the dead database
    const [apiStop, workerStop] = await Promise.all([api.stop('SIGTERM'), worker.stop('SIGTERM')]);
    // closed cleanly (not by the 8 s deadline, which exits with code 1)
    expect([apiStop.how, workerStop.how]).toEqual(['SIGTERM', 'SIGTERM']);
    expect(apiStop.ms).toBeLessThan(5000);
    expect(workerStop.ms).toBeLessThan(5000);
    pg.up();
  });
});
