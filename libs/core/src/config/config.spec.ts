import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/yingbao');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PORT).toBe(3000);
    expect(c.NODE_ENV).toBe('development');
    expect(c.UPLOAD_DIR).toBe(join(tmpdir(), 'yingbao-uploads'));
  });
  it('names the variable at fault in one line', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Configuration error: PORT /);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL must be a redis:\/\/ URL/);
    // a URL's password stays out of the message, even one that breaks the URL
    expect(() => loadConfig({ DATABASE_URL: 'http://app:pa/ss@db:5432/x' })).toThrow(/\(got "http:\/\/app:\*\*\*@db:5432\/x"\)$/);
    expect(() => loadConfig({ NODE_ENV: 'prod' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ UPLOAD_DIR: 'uploads' })).toThrow(/^Configuration error: UPLOAD_DIR must be an absolute path/);
    expect(loadConfig({ UPLOAD_DIR: '/srv/yingbao/uploads' }).UPLOAD_DIR).toBe('/srv/yingbao/uploads');
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
  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'longenough' })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'longenough', JWT_SECRET: 'x'.repeat(32) }).isProduction).toBe(true);
  });
});
