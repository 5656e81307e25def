import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestEnv } from '../../helpers/test-app';

const ROOT = join(__dirname, '..', '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  /** What the process printed so far (shown when it fails to start). */
  output: () => string;
  /** Resolves with the exit signal/code once the process is gone. */
  exited: Promise<string>;
  kill: (signal: NodeJS.Signals) => Promise<string>;
}

/**
 * Starts a real worker process on the test's database and queue prefix (test/notices/process/worker-process.ts,
 * compiled on the fly by ts-register.js: no build needed), its clock starting at `clockStart`.
 */
export async function spawnWorker(env: TestEnv, clockStart: Date, vars: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(__dirname, 'worker-process.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: env.url,
      REDIS_URL: env.config.REDIS_URL,
      QUEUE_PREFIX: env.config.QUEUE_PREFIX,
      WORKER_CLOCK_START: clockStart.toISOString(),
      ...vars,
    },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process did not start within 60 s:\n${out}`)), 60000);
    const onData = () => {
      if (!out.includes('worker ready')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${how}) before it was ready:\n${out}`));
    });
  });
  return {
    child,
    output: () => out,
    exited,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
