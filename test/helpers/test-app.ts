import { AppConfig, Clock, FakeClock, loadConfig, withDatabase } from '#core';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { login, requestsAs, Requests, TEST_PASSWORD } from './api-client';
import { SERVER_URL, templateDb } from './global-setup';

export { TEST_PASSWORD } from './api-client';

let counter = 0;

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `yingbao_t${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${Date.now() % 1e8}_${counter++}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  await admin.end();
  return {
    url: withDatabase(SERVER_URL, name),
    drop: async () => {
      const c = new Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestEnv {
  url: string;
  config: AppConfig;
  clock: FakeClock;
  drop: () => Promise<void>;
}

/** One database, one queue prefix and one fake clock per test file. */
export async function createTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  return testEnvOn(await createTestDatabase(), env);
}

/** A test env on a database made elsewhere (e.g. on a PostgreSQL server of the test's own, own-postgres.ts). */
export function testEnvOn(db: { url: string; drop: () => Promise<void> }, env: Record<string, string> = {}): TestEnv {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `ybt${process.pid}_${counter++}`,
    // suites move the clock by months while keeping their tokens; test/org/auth.e2e-spec.ts sets 30 to test the idle timeout
    SESSION_IDLE_MINUTES: '10000000',
    ...env,
  });
  const drop = async () => {
    await db.drop();
    await clearRedisPrefix(config.REDIS_URL, config.QUEUE_PREFIX);
  };
  return { url: db.url, config, clock: new FakeClock(new Date('2026-03-02T02:00:00Z')), drop };
}

async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis unreachable on purpose in some tests
  } finally {
    redis.disconnect();
  }
}

export interface TestApi {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  ds: DataSource;
  /** Logs a user in (the test password by default) and returns the access token. */
  login: (username: string, password?: string) => Promise<string>;
  /** Requests with this access token as the bearer. */
  as: (token: string) => Requests;
  close: () => Promise<void>;
}

/** The HTTP app on the test database, with the test's clock. */
export async function startApi(env: TestEnv): Promise<TestApi> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(env.config)
    .overrideProvider(Clock)
    .useValue(env.clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    ds: app.get(DataSource),
    login: (username, password = TEST_PASSWORD) => login(http, username, password),
    as: (token) => requestsAs(http, token),
    close: () => app.close(),
  };
}

/** A provider of the app replaced by a test's own instance (e.g. ImportLoadHooks), as the Nest testing module does. */
export type ProviderOverride = [token: Parameters<TestingModuleBuilder['overrideProvider']>[0], value: unknown];

/** A worker process's module tree (processors, outbox relay, schedules) on the test database. */
export async function startWorker(env: TestEnv, overrides: ProviderOverride[] = []): Promise<INestApplicationContext> {
  let builder = Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(env.config)
    .overrideProvider(Clock)
    .useValue(env.clock);
  for (const [token, value] of overrides) builder = builder.overrideProvider(token).useValue(value);
  const moduleRef = await builder.compile();
  const ctx = moduleRef.createNestApplication({ logger: false });
  await ctx.init();
  return ctx;
}

/** Polls until fn returns a truthy value (real time, for queue round trips), at most `ms`. */
export async function waitFor<T>(fn: () => Promise<T>, ms = 10000, every = 50): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * Resolves once `obj[method]` has next been called and has finished (a worker loop's next pass, say), at most `ms`:
 * the condition to wait for where a test must show that a pass ran and changed nothing.
 */
export function afterNextCall<T extends object>(obj: T, method: keyof T & string, ms = 15000): Promise<void> {
  const original = obj[method] as (...args: unknown[]) => unknown;
  return new Promise((resolve, reject) => {
    const spy = jest.spyOn(obj, method as never) as unknown as jest.SpyInstance;
    const timer = setTimeout(() => {
      spy.mockRestore();
      reject(new Error(`${method} not called within ${ms} ms`));
    }, ms);
    spy.mockImplementation(async (...args: unknown[]) => {
      try {
        return await original.apply(obj, args);
      } finally {
        clearTimeout(timer);
        spy.mockRestore();
        resolve();
      }
    });
  });
}
