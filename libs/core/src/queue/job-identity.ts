import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * The database's identity in every BullMQ job id. Job ids are deterministic per database (outbox-<id>,
 * registry-import-<id>-<n>, deadline-<task>-<key>) and BullMQ keeps completed jobs for a day, so a
 * database restored from a backup, recreated, or cloned under the same QUEUE_PREFIX would otherwise
 * have its new jobs dropped as duplicates of the old one's. The identity is what such a database does
 * not share with the one before it: the cluster (system identifier, new on initdb), the database's oid
 * (new on CREATE DATABASE, hence on pg_restore or a re-created database) and the timeline (new after a
 * point-in-time recovery or a promoted standby).
 */
@Injectable()
export class JobIdentity {
  private readonly logger = new Logger(JobIdentity.name);
  private tag?: Promise<string>;

  constructor(private readonly dataSource: DataSource) {}

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

  private async read(): Promise<string> {
    const [db] = await this.dataSource.query(`SELECT oid::text AS oid FROM pg_database WHERE datname = current_database()`);
    let cluster = '';
    try {
      const [c] = await this.dataSource.query(
        `SELECT (SELECT system_identifier::text FROM pg_control_system()) AS sysid, (SELECT timeline_id::text FROM pg_control_checkpoint()) AS tli`,
      );
      cluster = `${c.sysid}/${c.tli}`;
    } catch (e) {
      // a managed server may refuse pg_control_*: the oid alone still tells a re-created or restored database
      this.logger.warn(`job ids carry the database oid only (pg_control_system: ${(e as Error).message})`);
    }
    return 'j' + createHash('sha256').update(`${cluster}/${db.oid}`).digest('hex').slice(0, 12);
  }
}
