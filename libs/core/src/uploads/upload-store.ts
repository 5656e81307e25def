import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Queryable } from '../database/sql';
import { UploadFileRepository } from './upload-file.repository';

/** Bytes per upload_chunk row: a 2 GB file is about 2 000 rows, and a reader or writer holds one or two chunks. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** How long an upload no import took is kept before the sweep deletes it (a request still writing it is younger). */
export const UNKEPT_UPLOAD_HOURS = 6;

/** The id of the upload multer stored for a request (the storage engine puts it in `filename`). */
export function uploadIdOf(file: Express.Multer.File): string {
  return file.filename;
}

/**
 * Uploaded import files in PostgreSQL (upload_file, upload_chunk), so that any api replica stores and any worker
 * on any machine reads them: no disk is shared. Written and read a chunk at a time, never whole in memory.
 * Each chunk is its own statement (no connection is held for a slow client's whole upload); an upload is
 * usable once complete, and one that no import took is swept after UNKEPT_UPLOAD_HOURS.
 */
@Injectable()
export class UploadStore {
  private readonly logger = new Logger(UploadStore.name);
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: UploadFileRepository,
  ) {}

  /** Streams `source` into a new upload; answers its id and size. A failure deletes what was written. */
  async write(fileName: string, source: AsyncIterable<Buffer | string>): Promise<{ id: string; size: number }> {
    const id = randomUUID();
    await this.files.create(this.dataSource, id, fileName);
    let seq = 0;
    let size = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= UPLOAD_CHUNK_BYTES || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending, pendingBytes);
        const n = Math.min(UPLOAD_CHUNK_BYTES, joined.length);
        await this.files.addChunk(this.dataSource, id, seq++, joined.subarray(0, n));
        pending = n < joined.length ? [joined.subarray(n)] : [];
        pendingBytes = joined.length - n;
      }
    };
    try {
      for await (const piece of source) {
        const b = typeof piece === 'string' ? Buffer.from(piece) : piece;
        pending.push(b);
        pendingBytes += b.length;
        size += b.length;
        if (pendingBytes >= UPLOAD_CHUNK_BYTES) await flush(false);
      }
      await flush(true);
      await this.files.complete(this.dataSource, id, size, seq);
      return { id, size };
    } catch (e) {
      await this.files.remove(this.dataSource, id).catch(() => undefined);
      throw e;
    }
  }

  /** The upload's bytes from the start, a chunk at a time; an upload that is not there (never complete, deleted) fails the stream. */
  open(id: string): Readable {
    const { dataSource, files } = this;
    async function* chunks(): AsyncGenerator<Buffer> {
      const count = await files.completeChunks(dataSource, id);
      if (count === undefined) throw new UploadMissing(id);
      for (let seq = 0; seq < count; seq++) {
        const data = await files.chunk(dataSource, id, seq);
        if (!data) throw new UploadMissing(id);
        yield data;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.files.completeChunks(this.dataSource, id)) !== undefined;
  }

  /** An import takes the upload (in the import's transaction): the sweep leaves it; false when it is not there. */
  keep(db: Queryable | EntityManager, id: string): Promise<boolean> {
    return this.files.keep(db, id);
  }

  /** Deletes an upload (on `db`: inside an import's transaction, so that its end and the delete commit together); one already gone is fine. */
  async remove(id: string, db: Queryable | EntityManager = this.dataSource): Promise<void> {
    await this.files.remove(db, id);
  }

  /** Deletes the uploads no import took, older than UNKEPT_UPLOAD_HOURS; answers how many. */
  async sweepUnkept(now: Date): Promise<number> {
    const ids = await this.files.unkeptBefore(this.dataSource, new Date(now.getTime() - UNKEPT_UPLOAD_HOURS * 3_600_000));
    let n = 0;
    for (const id of ids) if (await this.files.remove(this.dataSource, id).catch(() => false)) n++;
    if (n) this.logger.log(`deleted ${n} upload(s) no import took`);
    return n;
  }

  /** A multer storage engine that streams each file into this store (`file.filename` is the upload id: uploadIdOf). */
  storage(): StorageEngine {
    return {
      _handleFile: (_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<Express.Multer.File>) => void): void => {
        this.write(file.originalname, file.stream).then(
          ({ id, size }) => cb(null, { destination: 'postgres', filename: id, size }),
          (e) => cb(e),
        );
      },
      _removeFile: (_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void): void => {
        this.remove(file.filename).then(
          () => cb(null),
          () => cb(null),
        );
      },
    };
  }
}

/** The upload an import needs is not in the store (deleted by retention, or never complete). */
export class UploadMissing extends Error {
  constructor(id: string) {
    super(`上传文件 ${id} 已不存在，请重新上传 (upload ${id} is gone)`);
  }
}
