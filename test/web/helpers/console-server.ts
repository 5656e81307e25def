import { DEMO_PASSWORD, seedDemo } from '#platform';
import { hashPassword } from '#org';
import { INestApplicationContext } from '@nestjs/common';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Page } from 'playwright-core';
import { consoleDir } from '../../../apps/api/src/serve-console';
import { createTestEnv, startApi, startWorker, TestApi, TestEnv } from '../../helpers/test-app';

export interface ConsoleServer {
  env: TestEnv;
  api: TestApi;
  worker: INestApplicationContext;
  /** http://127.0.0.1:<port> */
  url: string;
  close: () => Promise<void>;
}

/**
 * The real API (serving the built console) on a free port and a worker, on a test database holding the demo city.
 * The demo's passwords are re-hashed at cost 4 so that logins in the browser stay fast. `overrides` go into the
 * config; a PORT there is the port the API listens on (the worker's fake SMS gateway posts its delivery reports to it).
 */
export async function startConsoleServer(overrides: Record<string, string> = {}): Promise<ConsoleServer> {
  if (!existsSync(path.join(consoleDir(), 'index.html'))) throw new Error('the console is not built: run npm run build:web (npm test builds it)');
  const env = await createTestEnv(overrides);
  const api = await startApi(env);
  await seedDemo(api.ds);
  await api.ds.query(`UPDATE app_user SET password_hash = $1`, [await hashPassword(DEMO_PASSWORD, 4)]);
  await api.app.listen(Number(overrides.PORT ?? 0), '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as { port: number };
  const worker = await startWorker(env);
  return {
    env,
    api,
    worker,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await worker.close();
      await api.close();
      await env.drop();
    },
  };
}

/** Types the login form and submits it (the page must show it). */
export async function fillLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Opens the console, logs in and waits for the home page. */
export async function loginAs(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await fillLogin(page, username, password);
  await page.getByTestId(/^home-/).waitFor();
}
