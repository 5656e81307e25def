// Before tests or start: PostgreSQL and Redis must answer; if not, one line saying what to start.
// With --browser (npm test): the console's browser tests need Debian's chromium too.
const fs = require('node:fs');
const net = require('node:net');

const CHROMIUM = '/usr/bin/chromium';

const pgUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/yingbao');
const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
const checks = [
  ['PostgreSQL', pgUrl.hostname, Number(pgUrl.port || 5432), 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'],
  process.env.REDIS_SENTINELS
    ? // through Sentinel: the first sentinel must answer (the API and worker ask it for the master)
      ['Redis Sentinel', ...firstSentinel(process.env.REDIS_SENTINELS), 'redis-server <sentinel.conf> --sentinel']
    : ['Redis', redisUrl.hostname, Number(redisUrl.port || 6379), 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'],
];

function firstSentinel(list) {
  const first = list.split(',')[0].trim();
  const at = first.lastIndexOf(':');
  return at > 0 ? [first.slice(0, at), Number(first.slice(at + 1))] : [first, 26379];
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 });
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

(async () => {
  let ok = true;
  for (const [name, host, port, how] of checks) {
    if (!(await reachable(host, port))) {
      console.error(`${name} is not reachable at ${host}:${port}; start it with: ${how}`);
      ok = false;
    }
  }
  if (process.argv.includes('--browser') && !fs.existsSync(CHROMIUM)) {
    console.error(`Chromium is missing at ${CHROMIUM} (the console's browser tests need it); install it with: apt-get install -y chromium`);
    ok = false;
  }
  process.exit(ok ? 0 : 1);
})();
