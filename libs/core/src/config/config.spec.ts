import { ConfigError, DEV_ADMIN_PASSWORD, DEV_JWT_SECRET, loadConfig, replicaUrls } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/yingbao');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PORT).toBe(3000);
    expect(c.NODE_ENV).toBe('development');
  });
  it('names the variable at fault in one line', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Configuration error: PORT /);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL must be a redis:\/\/ URL/);
    // a URL's password stays out of the message, even one that breaks the URL
    expect(() => loadConfig({ DATABASE_URL: 'http://app:pa/ss@db:5432/x' })).toThrow(/\(got "http:\/\/app:\*\*\*@db:5432\/x"\)$/);
    expect(() => loadConfig({ NODE_ENV: 'prod' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ REDIS_SENTINELS: 's1:26379;s2' })).toThrow(/^Configuration error: REDIS_SENTINELS must be host:port,host:port/);
    expect(loadConfig({ REDIS_SENTINELS: 's1:26379, s2' }).REDIS_SENTINELS).toBe('s1:26379, s2');
    expect(loadConfig({}).REDIS_SENTINEL_NAME).toBe('mymaster');
    // every replica URL's password stays out of the message
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://u:pw1@r1/x, mysql://u:pw2@r2/x' })).toThrow(
      /DATABASE_REPLICA_URLS must be comma-separated postgres:\/\/ URLs \(got "postgres:\/\/u:\*\*\*@r1\/x, mysql:\/\/u:\*\*\*@r2\/x"\)$/,
    );
    expect(replicaUrls(loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r1/x, postgres://r2/x' }))).toEqual(['postgres://r1/x', 'postgres://r2/x']);
    expect(replicaUrls(loadConfig({}))).toEqual([]);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'any proxy' })).toThrow(/^Configuration error: TRUST_PROXY must be a number of hops/);
    expect(() => loadConfig({ DATABASE_REPLICA_MAX_LAG_SECONDS: '-1' })).toThrow(/^Configuration error: DATABASE_REPLICA_MAX_LAG_SECONDS /);
  });
  it('requires a signing secret of 16 characters or more with a webhook URL', () => {
    const url = 'http://receiver.example/yingbao';
    expect(() => loadConfig({ WEBHOOK_URL: url })).toThrow('Configuration error: WEBHOOK_SECRET is required when WEBHOOK_URL is set (it signs every call)');
    // the message goes to logs: it tells the length, not the secret
    expect(() => loadConfig({ WEBHOOK_URL: url, WEBHOOK_SECRET: 'short' })).toThrow(
      'Configuration error: WEBHOOK_SECRET must be longer than or equal to 16 characters (got a value of 5 characters)',
    );
    expect(loadConfig({ WEBHOOK_URL: url, WEBHOOK_SECRET: 's'.repeat(16) }).WEBHOOK_SECRET).toBe('s'.repeat(16));
  });
  describe('in production', () => {
    const PROD = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), ADMIN_PASSWORD: 'Strong-Root-2026!', SMS_REPORT_KEY: 'r'.repeat(32) };
    const refusal = (env: Record<string, string | undefined>) => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('started');
    };
    it('starts with secrets of its own', () => {
      const c = loadConfig(PROD);
      expect(c.isProduction).toBe(true);
      expect(c.openApiEnabled).toBe(false);
      expect(loadConfig({ ...PROD, OPENAPI_ENABLED: 'true' }).openApiEnabled).toBe(true);
    });
    it('refuses each public default with one line naming the variable, not its value', () => {
      expect(refusal({ ...PROD, JWT_SECRET: undefined })).toBe('Configuration error: JWT_SECRET is required when NODE_ENV=production');
      expect(refusal({ ...PROD, JWT_SECRET: DEV_JWT_SECRET })).toBe(
        'Configuration error: JWT_SECRET is the public development secret: set a secret of your own when NODE_ENV=production',
      );
      expect(refusal({ ...PROD, JWT_SECRET: 'x'.repeat(31) })).toBe(
        'Configuration error: JWT_SECRET must be at least 32 characters when NODE_ENV=production (got a value of 31 characters)',
      );
      expect(refusal({ ...PROD, ADMIN_PASSWORD: undefined })).toBe('Configuration error: ADMIN_PASSWORD is required when NODE_ENV=production');
      expect(refusal({ ...PROD, ADMIN_PASSWORD: DEV_ADMIN_PASSWORD })).toBe(
        'Configuration error: ADMIN_PASSWORD is the public development password: set one of your own when NODE_ENV=production',
      );
      // a password anyone would guess first: whoever logs in with it first owns the installation
      expect(refusal({ ...PROD, ADMIN_PASSWORD: '12345678' })).toBe(
        'Configuration error: ADMIN_PASSWORD is too weak for production: 密码至少需要 10 个字符（现为 8 个）',
      );
      expect(refusal({ ...PROD, ADMIN_PASSWORD: 'Password1!' })).toBe(
        'Configuration error: ADMIN_PASSWORD is too weak for production: 该密码过于常见，容易被猜中，请换一个',
      );
      expect(refusal({ ...PROD, BCRYPT_COST: '4' })).toBe('Configuration error: BCRYPT_COST must be at least 12 when NODE_ENV=production (got 4)');
      expect(refusal({ ...PROD, SESSION_IDLE_MINUTES: '10000000' })).toBe(
        'Configuration error: SESSION_IDLE_MINUTES must be at most 60 when NODE_ENV=production (got 10000000)',
      );
      // docker-compose.yml's public service password, or none for a server on another host: the registry open to anyone
      expect(refusal({ ...PROD, DATABASE_URL: 'postgres://postgres:yingbao-dev@postgres:5432/yingbao' })).toBe(
        'Configuration error: DATABASE_URL uses the public development password of docker-compose.yml when NODE_ENV=production: give the server a password of its own (it holds the registry and the job queue)',
      );
      expect(refusal({ ...PROD, REDIS_URL: 'redis://redis:6379' })).toMatch(
        /^Configuration error: REDIS_URL has no password for a server on another host \(redis\)/,
      );
      expect(
        loadConfig({ ...PROD, DATABASE_URL: 'postgres://postgres:S3cret-of-ours@db.internal:5432/yingbao', REDIS_URL: 'redis://127.0.0.1:6379' }).isProduction,
      ).toBe(true);
      expect(refusal({ ...PROD, SMS_REPORT_KEY: undefined })).toMatch(/^Configuration error: SMS_REPORT_KEY is required when NODE_ENV=production/);
      expect(refusal({ ...PROD, SMS_REPORT_KEY: 's'.repeat(20) })).toMatch(
        /^Configuration error: SMS_REPORT_KEY must be at least 32 characters .*20 characters\)$/,
      );
      expect(refusal({ ...PROD, WEBHOOK_URL: 'http://receiver.example/x', WEBHOOK_SECRET: 'w'.repeat(16) })).toMatch(
        /^Configuration error: WEBHOOK_SECRET must be at least 32 characters/,
      );
      for (const msg of [refusal({ ...PROD, JWT_SECRET: 'x'.repeat(31) }), refusal({ ...PROD, SMS_REPORT_KEY: 's'.repeat(20) })]) {
        expect(msg).not.toMatch(/xxxx|ssss/);
        expect(msg.split('\n')).toHaveLength(1);
      }
    });
    it('keeps the development defaults working outside production', () => {
      for (const NODE_ENV of ['development', 'test']) {
        const c = loadConfig({ NODE_ENV });
        expect(c.jwtSecret).toBe(DEV_JWT_SECRET);
        expect(c.adminPassword).toBe(DEV_ADMIN_PASSWORD);
        expect(c.openApiEnabled).toBe(true);
      }
      expect(loadConfig({ NODE_ENV: 'development', OPENAPI_ENABLED: 'false' }).openApiEnabled).toBe(false);
    });
  });
});
