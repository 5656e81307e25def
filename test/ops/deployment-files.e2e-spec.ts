import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** The compose file and the image say what the npm scripts and the README say (issue 19 points 1 and 5). */
describe('docker-compose.yml and Dockerfile', () => {
  const compose = read('docker-compose.yml');
  const dockerfile = read('Dockerfile');
  const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
  /** The block of one compose service (its lines up to the next service or top-level key). */
  const service = (name: string) => new RegExp(`\\n  ${name}:\\n((?:    .*\\n|\\s*\\n)+)`).exec(compose)?.[1] ?? '';

  it('runs the same commands as npm run start:api and start:worker', () => {
    const asCompose = (script: string) =>
      `command: [${script
        .split(' ')
        .map((w) => JSON.stringify(w))
        .join(', ')}]`;
    expect(service('api')).toContain(asCompose(scripts['start:api']));
    expect(service('worker')).toContain(asCompose(scripts['start:worker']));
    expect(dockerfile).toContain(
      `CMD [${scripts['start:api']
        .split(' ')
        .map((w) => JSON.stringify(w))
        .join(', ')}]`,
    );
  });

  it('needs no shared upload folder, runs as a user of its own and checks health', () => {
    expect(compose).not.toContain('UPLOAD_DIR');
    expect(dockerfile).toMatch(/\nUSER node\n/);
    for (const name of ['postgres', 'redis', 'api', 'worker']) expect(service(name)).toContain('healthcheck:');
    expect(service('api')).toContain('/health/ready');
    expect(service('worker')).toContain('http://127.0.0.1:3001/health/ready');
    expect(compose).toContain('WORKER_HEALTH_PORT: 3001');
  });

  it('publishes no database with trust authentication, and the databases on loopback only', () => {
    // no trust authentication method anywhere (TRUST_PROXY, the API's proxy setting, is another matter)
    expect(compose).not.toMatch(/AUTH_METHOD:\s*trust|--auth(-host|-local)?=trust/i);
    expect(compose).toMatch(/POSTGRES_HOST_AUTH_METHOD: scram-sha-256/);
    expect(service('postgres')).toContain('POSTGRES_HOST_AUTH_METHOD: scram-sha-256');
    expect(service('postgres')).toContain('--auth-local=scram-sha-256');
    expect(service('postgres')).toContain('ports: ["127.0.0.1:5432:5432"]');
    expect(service('redis')).toContain('ports: ["127.0.0.1:6379:6379"]');
    expect(service('redis')).toContain('--requirepass');
  });
});
