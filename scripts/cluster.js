// npm run cluster: N API processes behind one port (scripts/proxy.js) and M workers on this machine, on the built
// code (npm run build first; npm start prepares the database). API_PROCESSES (default 3), WORKER_PROCESSES
// (default 3), PORT (the proxy's, default 3000); the APIs listen on PORT+1 .. PORT+N on loopback.
// Every other variable (DATABASE_URL, REDIS_URL, REDIS_SENTINELS, DATABASE_REPLICA_URLS ...) is passed on.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');

function count(name, fallback) {
  const v = process.env[name] || String(fallback);
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) {
    console.error(`Configuration error: ${name} must be a whole number from 1 to 64 (got ${JSON.stringify(v)})`);
    process.exit(1);
  }
  return Number(v);
}

/**
 * Starts the processes and the proxy; answers a stop function. `quiet` drops their standard output; `entry(app)`
 * the node arguments of a process (bench/scale.ts runs its own, with a shifted clock).
 */
async function startCluster({ apis, workers, port, env = process.env, quiet = false, log = console.log, entry = (app) => [`dist/apps/${app}/src/main.js`] }) {
  const children = [];
  let stopping = false;
  const start = (name, app, extra) => {
    const child = spawn(process.execPath, app === 'proxy' ? [path.join(__dirname, 'proxy.js')] : entry(app), {
      cwd: root,
      env: { ...env, ...extra },
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    });
    child.on('exit', (code, signal) => {
      if (!stopping) log(`${name} exited (${signal ?? `code ${code}`})`);
    });
    children.push(child);
    return child;
  };
  // the first API alone migrates and prepares the database; the others and the workers start once it listens
  const upstreams = Array.from({ length: apis }, (_, i) => `127.0.0.1:${port + 1 + i}`);
  start('api 1', 'api', { PORT: String(port + 1) });
  await waitUntilUp(port + 1);
  for (let i = 1; i < apis; i++) start(`api ${i + 1}`, 'api', { PORT: String(port + 1 + i) });
  for (let i = 0; i < workers; i++) start(`worker ${i + 1}`, 'worker', {});
  for (let i = 1; i < apis; i++) await waitUntilUp(port + 1 + i);
  // the proxy in a process of its own, as a load balancer would be: a busy caller does not slow it
  start('proxy', 'proxy', { PROXY_PORT: String(port), UPSTREAMS: upstreams.join(','), PROXY_HOST: '127.0.0.1' });
  await waitUntilUp(port);
  const stop = async () => {
    stopping = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', resolve);
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 15000).unref();
          }),
      ),
    );
  };
  return { stop, children, upstreams };
}

async function waitUntilUp(port, ms = 120000) {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`the API on port ${port} did not answer /health within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

module.exports = { startCluster };

if (require.main === module) {
  const apis = count('API_PROCESSES', 3);
  const workers = count('WORKER_PROCESSES', 3);
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535 - apis) {
    console.error(`Configuration error: PORT must be a port number (got ${JSON.stringify(process.env.PORT)})`);
    process.exit(1);
  }
  startCluster({ apis, workers, port, env: { ...process.env, TRUST_PROXY: process.env.TRUST_PROXY || 'loopback' } }).then(
    ({ stop }) => {
      console.log(`Yingbao cluster: ${apis} APIs behind http://127.0.0.1:${port}/ and ${workers} workers (Ctrl-C stops them)`);
      const shutdown = () => void stop().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
