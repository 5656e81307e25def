import { ByteSource, Queryable, UploadStore } from '#core';
import { Injectable } from '@nestjs/common';
import { createReadStream, existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { EntityManager } from 'typeorm';

/**
 * Where an import's uploaded file is: in the database (`uploadId`, core's UploadStore: every import since
 * migration 1764001370000), or a file on the disk of the api that took it (`filePath`, imports filed before).
 */
export interface ImportFile {
  uploadId: string | null;
  filePath: string | null;
}

/** The one way the registry reads, checks and deletes an import's upload, wherever it is. */
@Injectable()
export class ImportUploads {
  constructor(private readonly store: UploadStore) {}

  /** The file's bytes from the start, opened afresh at each call. */
  source(f: ImportFile): ByteSource {
    if (f.uploadId) return () => this.store.open(f.uploadId!);
    return () => createReadStream(f.filePath!);
  }

  async exists(f: ImportFile): Promise<boolean> {
    return f.uploadId ? this.store.exists(f.uploadId) : !!f.filePath && existsSync(f.filePath);
  }

  /** The new import takes its upload (in its transaction), so the sweep of uploads no import took leaves it; false when it is not there. */
  keep(m: EntityManager, uploadId: string): Promise<boolean> {
    return this.store.keep(m, uploadId);
  }

  /** Deletes the uploads no import took (an api gone midway, a refused request whose delete failed); answers how many. */
  sweepUnkept(now: Date): Promise<number> {
    return this.store.sweepUnkept(now);
  }

  /** Deletes the upload (in the database: on `db` when given, so it commits with the import's end); one already gone is fine. */
  async remove(f: ImportFile, db?: Queryable | EntityManager): Promise<void> {
    if (f.uploadId) await this.store.remove(f.uploadId, db);
    else if (f.filePath) await unlink(f.filePath).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  }
}
