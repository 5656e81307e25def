import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryAffected, queryOne, queryRows, Queryable } from '../database/sql';

type Db = Queryable | EntityManager;

/** Every statement on upload_file and upload_chunk (migration 1764001370000). */
@Injectable()
export class UploadFileRepository {
  async create(db: Db, id: string, fileName: string): Promise<void> {
    await db.query(`INSERT INTO upload_file (id, file_name) VALUES ($1, $2)`, [id, fileName]);
  }

  async addChunk(db: Db, id: string, seq: number, data: Buffer): Promise<void> {
    await db.query(`INSERT INTO upload_chunk (upload_id, seq, data) VALUES ($1, $2, $3)`, [id, seq, data]);
  }

  async complete(db: Db, id: string, size: number, chunks: number): Promise<void> {
    await db.query(`UPDATE upload_file SET size = $2, chunks = $3, complete_at = now() WHERE id = $1`, [id, size, chunks]);
  }

  /** The chunk count of a complete upload; undefined when there is none (never finished, or deleted). */
  async completeChunks(db: Db, id: string): Promise<number | undefined> {
    const row = await queryOne<{ chunks: number }>(db, `SELECT chunks FROM upload_file WHERE id = $1 AND complete_at IS NOT NULL`, [id]);
    return row?.chunks;
  }

  async chunk(db: Db, id: string, seq: number): Promise<Buffer | undefined> {
    return (await queryOne<{ data: Buffer }>(db, `SELECT data FROM upload_chunk WHERE upload_id = $1 AND seq = $2`, [id, seq]))?.data;
  }

  /** Marks an upload as taken by an import (so the sweep leaves it); false when it is not there. */
  async keep(db: Db, id: string): Promise<boolean> {
    return (await queryAffected(db, `UPDATE upload_file SET kept_at = now() WHERE id = $1 AND complete_at IS NOT NULL`, [id])) === 1;
  }

  /** Deletes an upload and its chunks; true if it was there. */
  async remove(db: Db, id: string): Promise<boolean> {
    return (await queryAffected(db, `DELETE FROM upload_file WHERE id = $1`, [id])) === 1;
  }

  /** Uploads no import took, created at or before `cutoff` (a refused request whose delete failed, an api gone midway). */
  async unkeptBefore(db: Db, cutoff: Date): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(db, `SELECT id FROM upload_file WHERE kept_at IS NULL AND created_at <= $1 LIMIT 1000`, [cutoff]);
    return rows.map((r) => r.id);
  }
}
