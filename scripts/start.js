// npm start: build the API and the console, prepare the database (migrations, admin, demo data), then run the API and one worker.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0;

if (!run(process.execPath, ['scripts/check-services.js'])) process.exit(1);
console.log('building...');
if (!run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'])) process.exit(1);
if (!run(process.execPath, ['scripts/build-web.js'])) process.exit(1);
if (!run(process.execPath, ['dist/scripts/prepare.js'])) process.exit(1);

const children = ['api', 'worker'].map((app) => {
  const child = spawn(process.execPath, [`dist/apps/${app}/src/main.js`], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => {
    console.error(`${app} exited with code ${code}; stopping`);
    shutdown(code ?? 1);
  });
  return child;
});
let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
const port = process.env.PORT || 3000;
setTimeout(
  () =>
    console.log(
      `\nYingbao is up. Console: http://127.0.0.1:${port}/  (log in first as office / Demo@2026, or admin / the ADMIN_PASSWORD)` +
        `\nAPI docs: http://127.0.0.1:${port}/api/docs  (health: http://127.0.0.1:${port}/health)`,
    ),
  3000,
).unref();
