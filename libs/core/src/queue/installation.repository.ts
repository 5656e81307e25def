import { Injectable } from '@nestjs/common';
import { queryOne, Queryable } from '../database/sql';

/** The statements on installation (the database's epoch) and the server facts that make up its identity. */
@Injectable()
export class InstallationRepository {
  /** This database's oid and the installation's epoch. */
  async databaseIdentity(db: Queryable): Promise<{ oid: string; epoch: string | null }> {
    return (await queryOne<{ oid: string; epoch: string | null }>(
      db,
      `SELECT d.oid::text AS oid, (SELECT epoch::text FROM installation) AS epoch FROM pg_database d WHERE d.datname = current_database()`,
    ))!;
  }

  /** The cluster's system identifier and timeline (a managed server may refuse pg_control_*: the caller catches). */
  async clusterIdentity(db: Queryable): Promise<{ sysid: string; tli: string }> {
    return (await queryOne<{ sysid: string; tli: string }>(
      db,
      `SELECT (SELECT system_identifier::text FROM pg_control_system()) AS sysid, (SELECT timeline_id::text FROM pg_control_checkpoint()) AS tli`,
    ))!;
  }

  /** Draws a new epoch. */
  async drawEpoch(db: Queryable): Promise<void> {
    await db.query(`UPDATE installation SET epoch = gen_random_uuid()`);
  }
}
