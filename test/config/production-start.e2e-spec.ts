import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test', 'notices', 'process', 'ts-register.js');

/** Runs an entry point (compiled on the fly) with this environment; answers its exit code and what it printed. */
function run(entry: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['-r', REGISTER, join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

jest.setTimeout(120000);

describe('both entry points in production', () => {
  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])('%s refuses the development JWT secret with one line', (entry) => {
    const r = run(entry, {
      NODE_ENV: 'production',
      JWT_SECRET: 'yingbao-dev-secret-change-me',
      ADMIN_PASSWORD: 'Strong-Root-2026!x',
      SMS_REPORT_KEY: 'r'.repeat(32),
    });
    expect(r.code).toBe(1);
    expect(r.out).toBe('Configuration error: JWT_SECRET is the public development secret: set a secret of your own when NODE_ENV=production');
  });
});
