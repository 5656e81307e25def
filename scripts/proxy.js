// A small reverse proxy: one port in front of several API processes (scripts/cluster.js, docker compose's `scale` profile).
// Round robin over UPSTREAMS (host:port,host:port); a name that resolves to several addresses (compose's api-replica)
// counts each address, resolved again every 5 s. An upstream that refuses a connection is left out for 2 s and the
// request (not yet sent: its body is held until the upstream accepts) goes to the next one. Sets X-Forwarded-For to the client's address (a client's own is replaced).
const http = require('node:http');
const dns = require('node:dns/promises');

const DOWN_MS = 2000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function parseUpstreams(list) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const at = s.lastIndexOf(':');
      return { host: s.slice(0, at), port: Number(s.slice(at + 1)) };
    });
}

function startProxy({ port, host = '0.0.0.0', upstreams, log = () => undefined }) {
  const configured = parseUpstreams(upstreams);
  let targets = configured.map((u) => ({ ...u, downUntil: 0 }));
  let next = 0;
  const resolve = async () => {
    const found = [];
    for (const u of configured) {
      const addrs = await dns.lookup(u.host, { all: true }).catch(() => []);
      for (const a of addrs) found.push({ host: a.address, port: u.port });
    }
    if (!found.length) return;
    const old = new Map(targets.map((t) => [`${t.host}:${t.port}`, t]));
    targets = found.map((f) => old.get(`${f.host}:${f.port}`) ?? { ...f, downUntil: 0 });
  };
  const timer = setInterval(() => void resolve(), 5000);
  timer.unref();
  const pick = (tried) => {
    const now = Date.now();
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(next + i) % targets.length];
      if (t.downUntil > now || tried.has(t)) continue;
      next = (next + i + 1) % targets.length;
      return t;
    }
    return targets.find((t) => !tried.has(t));
  };

  const server = http.createServer((req, res) => {
    const tried = new Set();
    // the client as this proxy saw it, replacing whatever the client sent: a forged X-Forwarded-For would set the API's
    // req.ip (TRUST_PROXY), dodging the per-address login throttle and faking the audit log's address
    const forwarded = req.socket.remoteAddress ?? '';
    req.pause();
    const attempt = () => {
      const t = pick(tried);
      if (!t) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: '服务暂时不可用，请稍后再试 (no API process answers)' }));
        return;
      }
      tried.add(t);
      const up = http.request({
        host: t.host,
        port: t.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwarded },
        agent,
      });
      let connected = false;
      up.on('socket', (s) => {
        const go = () => {
          connected = true;
          req.pipe(up);
          req.resume();
        };
        // a kept-alive socket is connected already
        if (s.connecting) s.once('connect', go);
        else go();
      });
      up.on('response', (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', (e) => {
        if (!connected) {
          t.downUntil = Date.now() + DOWN_MS;
          log(`upstream ${t.host}:${t.port} refused (${e.code}); trying another`);
          return attempt();
        }
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end();
      });
      res.on('close', () => up.destroy());
    };
    attempt();
  });
  server.keepAliveTimeout = 65000;
  void resolve();
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

module.exports = { startProxy };

if (require.main === module) {
  const port = Number(process.env.PROXY_PORT || process.env.PORT || 3000);
  const upstreams = process.env.UPSTREAMS;
  if (!upstreams) {
    console.error('Configuration error: UPSTREAMS is required (host:port,host:port of the API processes)');
    process.exit(1);
  }
  startProxy({ port, host: process.env.PROXY_HOST || '0.0.0.0', upstreams, log: (l) => console.log(l) }).then(() =>
    console.log(`Yingbao proxy on :${port} → ${upstreams}`),
  );
  process.on('SIGTERM', () => process.exit(0));
}
