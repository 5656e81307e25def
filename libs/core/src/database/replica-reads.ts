import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AppConfig, replicaUrls } from '../config/config';
import { outageOf } from '../errors/outage';

/** Seconds a replica that failed is left alone before it is tried again. */
const RETRY_AFTER_MS = 5000;
/** How long a lag reading is trusted. */
const LAG_FRESH_MS = 1000;
/** A lag reading not answered within this is a replica gone silent (no RST: a power cut, a black-holed network). */
const LAG_TIMEOUT_MS = 1000;
/** A read not answered within this goes to the primary instead (the replica is left alone RETRY_AFTER_MS). */
const READ_TIMEOUT_MS = 10_000;

/**
 * How far a standby is behind, in seconds: 0 when it has replayed all it received while streaming; else the
 * age of the last transaction it replayed (a standby cut off from its primary only grows older). On a
 * primary (a replica URL pointing at one) 0.
 */
const LAG_SQL = `SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
       AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0
  ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
END::float8 AS lag`;

/** SQLSTATE of a standby cancelling a read that conflicts with replay. */
const RECOVERY_CONFLICT = '40001';

interface Replica {
  url: string;
  pool: Pool;
  /** Not tried before this time (ms) after a failure. */
  downUntil: number;
  lag?: { seconds: number; at: number };
  checking?: Promise<number>;
}

/**
 * Reads that may go to a PostgreSQL streaming replica (DATABASE_REPLICA_URLS): dashboards, rankings, exports and
 * long lists. A caller says "this read may be stale" by passing `reads.manager` where it would pass
 * `ds.manager`; everything else (writes, transactions, reads that must see the caller's own write) stays on
 * the primary, which is also where these go when no replica is configured, when a replica lags more than
 * DATABASE_REPLICA_MAX_LAG_SECONDS, cannot be reached (tried again after 5 s) or cancels the read.
 *
 * Its own pools rather than TypeORM's `replication`: that connects every replica at start-up (a standby that is
 * down would stop the API starting) and picks one at random, so no lag guard could steer it.
 */
@Injectable()
export class ReplicaReads implements OnApplicationShutdown {
  /** An EntityManager whose `query` reads from a replica (SELECTs only). */
  readonly manager: EntityManager;
  private readonly replicas: Replica[];
  private readonly logger = new Logger(ReplicaReads.name);
  private next = 0;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {
    this.replicas = replicaUrls(config).map((url) => {
      const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30000, query_timeout: READ_TIMEOUT_MS });
      pool.on('error', () => undefined); // an idle connection cut by a standby going away (PITFALLS.md)
      return { url, pool, downUntil: 0 };
    });
    this.manager = this.replicas.length ? ds.createEntityManager(this.runner()) : ds.manager;
  }

  /** Rows of a read from a replica fit to serve it, else from the primary. */
  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    const replica = await this.pick();
    if (!replica) return this.ds.query(sql, params);
    try {
      return (await replica.pool.query(sql, params)).rows;
    } catch (e) {
      if (!outageOf(e) && (e as { code?: string }).code !== RECOVERY_CONFLICT && !/timeout/i.test((e as Error).message)) throw e;
      this.down(replica, e as Error);
      return this.ds.query(sql, params);
    }
  }

  /** Which server the next read would go to (for tests and readiness): a replica's URL or 'primary'. */
  async target(): Promise<string> {
    return (await this.pick())?.url ?? 'primary';
  }

  /** A replica answering and within the lag limit, round robin; undefined: the primary. */
  private async pick(): Promise<Replica | undefined> {
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.next + i) % n];
      if (Date.now() < r.downUntil) continue;
      const lag = await this.lagOf(r);
      if (lag === undefined || lag > this.config.DATABASE_REPLICA_MAX_LAG_SECONDS) continue;
      this.next = (this.next + i + 1) % n;
      return r;
    }
    return undefined;
  }

  /** The replica's lag in seconds (read at most once a second, one reading at a time), undefined when it cannot be read. */
  private async lagOf(r: Replica): Promise<number | undefined> {
    if (r.lag && Date.now() - r.lag.at < LAG_FRESH_MS) return r.lag.seconds;
    r.checking ??= Promise.race([
      r.pool.query<{ lag: number }>(LAG_SQL),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no lag reading within ${LAG_TIMEOUT_MS} ms`)), LAG_TIMEOUT_MS).unref()),
    ])
      .then((res) => {
        const seconds = Number(res.rows[0].lag);
        r.lag = { seconds, at: Date.now() };
        return seconds;
      })
      .finally(() => (r.checking = undefined));
    try {
      return await r.checking;
    } catch (e) {
      this.down(r, e as Error);
      return undefined;
    }
  }

  private down(r: Replica, e: Error): void {
    if (Date.now() >= r.downUntil) this.logger.warn(`read replica ${hostOf(r.url)} unavailable, reading from the primary (${e.message})`);
    r.downUntil = Date.now() + RETRY_AFTER_MS;
    r.lag = undefined;
  }

  /** The query runner behind `manager`: only `query`, sent through the replica choice above. */
  private runner(): QueryRunner {
    const runner = {
      isReleased: false,
      isTransactionActive: false,
      data: {},
      query: (sql: string, params?: unknown[]) => this.query(sql, params),
      release: async () => undefined,
      connect: async () => undefined,
    };
    return runner as unknown as QueryRunner;
  }

  /** After the HTTP server closed (not at module destroy, while requests in flight may still read). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}`;
  } catch {
    return 'replica';
  }
}
