import { Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { InstallationRepository } from './installation.repository';
import { OutboxRepository } from './outbox.repository';

/** Sets KEYS[1] to ARGV[1] when that is higher than what it holds (several relays note at once). */
const NOTE_HIGHER = `local v = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end return 1`;

/**
 * The database's identity in every BullMQ job id. Job ids are deterministic per database (outbox-<id>,
 * registry-import-<id>-<n>, deadline-<task>-<key>) and BullMQ keeps completed jobs for a day, so a
 * database restored from a backup, recreated, or cloned under the same QUEUE_PREFIX would otherwise
 * have its new jobs dropped as duplicates of the old one's. The identity is what such a database does
 * not share with the one before it: the cluster (system identifier, new on initdb), the database's oid
 * (new on CREATE DATABASE, hence on pg_restore or a re-created database) and the timeline (new after a
 * point-in-time recovery or a promoted standby), and an epoch of its own (table installation) that is
 * drawn anew when a database restored in place — same cluster, oid and timeline — is noticed: the newest
 * outbox row it holds as relayed is below the highest one Redis saw relayed under the current identity.
 * (Whatever prunes the outbox one day must keep its newest relayed row.)
 */
@Injectable()
export class JobIdentity {
  private readonly logger = new Logger(JobIdentity.name);
  private tag?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly installation: InstallationRepository = new InstallationRepository(),
    private readonly outbox: OutboxRepository = new OutboxRepository(),
  ) {}

  /** The job id BullMQ holds for a job written with `jobId` (or, without one, for outbox row `outboxId`). */
  async jobId(jobId: string, outboxId: string): Promise<string> {
    return `${await this.current()}-${jobId || `outbox-${outboxId}`}`;
  }

  /** Read once per process; a failed read is tried again next time. */
  current(): Promise<string> {
    this.tag ??= this.read().catch((e: Error) => {
      this.tag = undefined;
      throw e;
    });
    return this.tag;
  }

  /**
   * Before a relay hands jobs over: if the database went back in time (restored in place), draws a new
   * epoch so that none of its job ids is one BullMQ already holds. Answers whether it did.
   */
  async guardAgainstRestore(redis: Redis): Promise<boolean> {
    // Redis notes ids only after their commit, so what it holds is never above the newest row PostgreSQL holds as ever
    // relayed (a re-queued row counts its requeues; by the primary key, backwards) unless the database went back in
    // time. Redis first: another worker's relay may commit and note between the two reads, and read the other way
    // round its note would be above a PostgreSQL figure read before its commit (a restore seen where there was none:
    // a new epoch, and every job in flight written again under it; found by the scale bench's three workers)
    const seen = Number((await redis.get(this.highWaterKey(await this.current()))) ?? 0);
    const seq = (await this.outbox.lastEverRelayedId(this.dataSource)) ?? '0';
    if (Number(seq) >= seen) return false;
    const before = await this.current();
    this.tag = undefined;
    // another relay may have drawn one already: take it rather than drawing again
    if ((await this.current()) !== before) return true;
    await this.installation.drawEpoch(this.dataSource);
    this.tag = undefined;
    this.logger.warn(`the relayed outbox went back from ${seen} to ${seq} (a database restored in place): job ids get a new epoch, ${await this.current()}`);
    return true;
  }

  /** After Redis took a batch: the highest outbox id relayed under the current identity. */
  async noteRelayed(redis: Redis, maxOutboxId: string): Promise<void> {
    await redis.eval(NOTE_HIGHER, 1, this.highWaterKey(await this.current()), maxOutboxId);
  }

  private highWaterKey(tag: string): string {
    return `${this.config.QUEUE_PREFIX}:yingbao:outbox-high-water:${tag}`;
  }

  private async read(): Promise<string> {
    const db = await this.installation.databaseIdentity(this.dataSource);
    let cluster = '';
    try {
      const c = await this.installation.clusterIdentity(this.dataSource);
      cluster = `${c.sysid}/${c.tli}`;
    } catch (e) {
      // a managed server may refuse pg_control_*: the oid alone still tells a re-created or restored database
      this.logger.warn(`job ids carry the database oid only (pg_control_system: ${(e as Error).message})`);
    }
    return 'j' + createHash('sha256').update(`${cluster}/${db.oid}/${db.epoch}`).digest('hex').slice(0, 12);
  }
}
