import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import Redis from 'ioredis';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ensureDatabase, typeormOptions } from '#core';
import { waitFor } from './test-app';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().pop() : undefined;
  const bin = version && join(root, version, 'bin');
  if (!bin || !existsSync(join(bin, 'pg_ctl')))
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)');
  return bin;
}

/**
 * A PostgreSQL server of the test's own, on its own port and data folder, for tests that stop, kill or
 * restart it (never the machine's shared server). fsync off: it holds nothing worth keeping.
 */
export class OwnPostgres {
  readonly port: number;
  private readonly dir: string;
  private readonly bin = postgresBin();

  private constructor(port: number) {
    this.port = port;
    this.dir = mkdtempSync(join(tmpdir(), 'yingbao-pg-'));
  }

  static async start(): Promise<OwnPostgres> {
    const pg = new OwnPostgres(await freePort());
    if (process.getuid?.() === 0) chownSync(pg.dir, uidOf('postgres'), gidOf('postgres'));
    pg.run('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    pg.up();
    return pg;
  }

  /**
   * A streaming standby of `primary` on its own port: pg_basebackup -R (a fast checkpoint: a spread one takes minutes) copies the primary's data folder and writes
   * primary_conninfo and standby.signal, so it starts as a hot standby replaying what the primary writes.
   */
  static async standbyOf(primary: OwnPostgres): Promise<OwnPostgres> {
    const pg = new OwnPostgres(await freePort());
    if (process.getuid?.() === 0) chownSync(pg.dir, uidOf('postgres'), gidOf('postgres'));
    pg.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', pg.data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    pg.up();
    return pg;
  }

  get data(): string {
    return join(this.dir, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates `database` on this server and migrates it. */
  async migrated(database: string): Promise<{ url: string; drop: () => Promise<void> }> {
    const url = this.url(database);
    await ensureDatabase(url);
    const ds = new DataSource(typeormOptions(url));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    return { url, drop: async () => undefined };
  }

  /** Starts the server and waits until it takes connections. */
  up(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  /** Stops it at once, as a crash would (connections are cut; a restart runs recovery). */
  down(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops it and deletes its data. */
  destroy(): void {
    spawnSync(this.cmd('pg_ctl')[0], [...this.cmd('pg_ctl').slice(1), '-D', this.data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }

  private cmd(tool: string): string[] {
    const path = join(this.bin, tool);
    return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', path] : [path];
  }

  private run(tool: string, args: string[]): void {
    const [file, ...pre] = this.cmd(tool);
    execFileSync(file, [...pre, ...args], { stdio: 'ignore' });
  }
}

const uidOf = (user: string) => Number(execFileSync('id', ['-u', user]).toString().trim());
const gidOf = (user: string) => Number(execFileSync('id', ['-g', user]).toString().trim());

/** A Redis server of the test's own, keeping nothing on disk (like ours): a restart loses every key. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  await waitFor(
    () =>
      probe.connect().then(
        () => probe.ping().then(() => true),
        () => false,
      ),
    10000,
    100,
  );
  probe.disconnect();
  return child;
}

export async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Answers when a Redis server (or sentinel) on this port takes PING. */
async function redisUp(port: number): Promise<void> {
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await waitFor(
      () =>
        probe.connect().then(
          () => probe.ping().then(() => true),
          () => false,
        ),
      10000,
      100,
    );
  } finally {
    probe.disconnect();
  }
}

/**
 * A Redis primary, a replica of it and three sentinels (quorum 2) of the test's own, on their own ports: the
 * sentinels call the primary down a second after it stops answering and promote the replica.
 */
export class OwnSentinelGroup {
  readonly name = 'yingbao-test';
  private readonly dir = mkdtempSync(join(tmpdir(), 'yingbao-sentinel-'));
  private readonly children: ChildProcess[] = [];
  readonly sentinelPorts: number[] = [];
  private data: { port: number; child: ChildProcess }[] = [];

  static async start(): Promise<OwnSentinelGroup> {
    const g = new OwnSentinelGroup();
    const primary = await freePort();
    const replica = await freePort();
    g.data.push({ port: primary, child: g.spawn('redis-server', ['--port', String(primary), ...OwnSentinelGroup.dataArgs()]) });
    await redisUp(primary);
    g.data.push({
      port: replica,
      child: g.spawn('redis-server', ['--port', String(replica), '--replicaof', '127.0.0.1', String(primary), ...OwnSentinelGroup.dataArgs()]),
    });
    await redisUp(replica);
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const file = join(g.dir, `sentinel-${i}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${g.dir}`,
          `sentinel monitor ${g.name} 127.0.0.1 ${primary} 2`,
          `sentinel down-after-milliseconds ${g.name} 1000`,
          `sentinel failover-timeout ${g.name} 5000`,
          `sentinel parallel-syncs ${g.name} 1`,
          '',
        ].join('\n'),
      );
      g.spawn('redis-server', [file, '--sentinel']);
      g.sentinelPorts.push(port);
      await redisUp(port);
    }
    return g;
  }

  /** Nothing evicted, as production must (README); no persistence: a failover loses what was not yet replicated. */
  private static dataArgs(): string[] {
    return ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
  }

  /** REDIS_SENTINELS for the config. */
  get sentinels(): string {
    return this.sentinelPorts.map((p) => `127.0.0.1:${p}`).join(',');
  }

  /** The port the sentinels name as master now. */
  async masterPort(): Promise<number> {
    const s = new Redis(this.sentinelPorts[0], '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const [, port] = (await s.call('SENTINEL', 'get-master-addr-by-name', this.name)) as [string, string];
      return Number(port);
    } finally {
      s.disconnect();
    }
  }

  /** Kills the current master at once (SIGKILL, as a crashed machine) and waits until the sentinels name another. */
  async killMaster(): Promise<{ from: number; to: number }> {
    const from = await this.masterPort();
    const node = this.data.find((d) => d.port === from)!;
    const exited = new Promise((resolve) => node.child.once('exit', resolve));
    node.child.kill('SIGKILL');
    await exited;
    const to = await waitFor(
      async () => {
        const p = await this.masterPort();
        return p !== from ? p : 0;
      },
      30000,
      200,
    );
    return { from, to };
  }

  /** Starts the last killed node again on its port; the sentinels make it a replica of the new master. Waits until it has synced. */
  async restartKilledAsReplica(): Promise<void> {
    const node = this.data.find((d) => d.child.exitCode !== null || d.child.signalCode !== null);
    if (!node) throw new Error('no killed node to restart');
    node.child = this.spawn('redis-server', ['--port', String(node.port), ...OwnSentinelGroup.dataArgs()]);
    await redisUp(node.port);
    const s = new Redis(this.sentinelPorts[0], '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      await waitFor(
        async () => {
          const replicas = (await s.call('SENTINEL', 'replicas', this.name)) as string[][];
          return replicas.some((flat) => {
            const r = Object.fromEntries(flat.flatMap((v, i) => (i % 2 ? [] : [[v, flat[i + 1]]])));
            return r.port === String(node.port) && r.flags === 'slave' && r['master-link-status'] === 'ok';
          });
        },
        30000,
        200,
      );
    } finally {
      s.disconnect();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((resolve) => c.once('exit', resolve));
        c.kill('SIGKILL');
        await exited;
      }),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(cmd: string, args: string[]): ChildProcess {
    const child = spawn(cmd, args, { stdio: 'ignore', cwd: this.dir });
    this.children.push(child);
    return child;
  }
}
