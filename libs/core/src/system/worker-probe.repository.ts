import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, Queryable } from '../database/sql';

export interface ProbeRow {
  id: number;
  token: string;
  requested_by: number | null;
  requested_at: Date;
  processed_at: Date | null;
  processed_by: string | null;
}

/** Every statement on worker_probe. */
@Injectable()
export class WorkerProbeRepository {
  /** Inserts a probe; answers its row. */
  async insert(m: EntityManager, token: string, requestedBy: number): Promise<ProbeRow> {
    return (await queryOne<ProbeRow>(m, `INSERT INTO worker_probe (token, requested_by) VALUES ($1, $2) RETURNING *`, [token, requestedBy]))!;
  }

  /** The probe, or undefined. */
  find(db: Queryable, id: number): Promise<ProbeRow | undefined> {
    return queryOne<ProbeRow>(db, `SELECT * FROM worker_probe WHERE id = $1`, [id]);
  }

  /** Stamps the probe processed by a worker, the first time only. */
  async stamp(m: EntityManager, id: number, by: string): Promise<void> {
    await m.query(`UPDATE worker_probe SET processed_at = now(), processed_by = $2 WHERE id = $1 AND processed_at IS NULL`, [id, by]);
  }
}
