// Builds the console (vite build → dist/web) unless the build there was made from the same sources.
// `npm test` and `npm start` call it; `npm run build:web` always builds.
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'web');
const stamp = path.join(out, '.source-hash');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

const hash = createHash('sha256');
for (const f of [...files(path.join(root, 'apps', 'web')), path.join(root, 'package-lock.json')].sort()) {
  if (f.endsWith('.test.ts')) continue;
  hash.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0');
}
const digest = hash.digest('hex');

if (fs.existsSync(path.join(out, 'index.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
  console.log('console up to date (dist/web)');
  process.exit(0);
}
const started = Date.now();
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
fs.writeFileSync(stamp, digest);
console.log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s (dist/web)`);
