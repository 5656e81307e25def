import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

const PROD = {
  NODE_ENV: 'production',
  JWT_SECRET: 'j'.repeat(40),
  ADMIN_PASSWORD: 'Strong-Root-2026!x',
  SMS_REPORT_KEY: 'report-key-'.padEnd(40, 'k'),
  SESSION_IDLE_MINUTES: '30',
};

async function withApi(env: Record<string, string>, fn: (api: TestApi) => Promise<void>): Promise<void> {
  const e: TestEnv = await createTestEnv(env);
  const api = await startApi(e);
  try {
    await fn(api);
  } finally {
    await api.close();
    await e.drop();
  }
}

describe('production edges', () => {
  it('serves no OpenAPI document in production unless OPENAPI_ENABLED=true', async () => {
    await withApi(PROD, async (api) => {
      expect((await api.http().get('/api/docs-json')).status).toBe(404);
      expect((await api.http().get('/api/docs')).status).toBe(404);
    });
    await withApi({ ...PROD, OPENAPI_ENABLED: 'true' }, async (api) => {
      expect((await api.http().get('/api/docs-json')).status).toBe(200);
    });
  });

  it('takes delivery reports only with SMS_REPORT_KEY in production, never the built-in development key', async () => {
    await withApi(PROD, async (api) => {
      const post = (key?: string) => {
        const r = api.http().post('/api/sms-gateway/reports');
        return (key ? r.set({ 'x-api-key': key }) : r).send({ ref: `om-1-${'0'.repeat(32)}`, status: 'DELIVERED' });
      };
      for (const key of [undefined, 'dev-fake-sms-key', PROD.SMS_REPORT_KEY.slice(0, -1)]) {
        const res = await post(key);
        expect(res.status).toBe(401);
        expect(res.body.message).toMatch(/短信网关密钥/);
      }
      expect((await post(PROD.SMS_REPORT_KEY)).status).toBe(200);
    });
  });
});
