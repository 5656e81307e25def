import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Uploaded registry files hold names, ID numbers and phones: only the service's own user may read them. */
export const UPLOAD_FILE_MODE = 0o600;
export const UPLOAD_DIR_MODE = 0o700;
/** Every registry upload's name starts so; the sweep never touches other files of the folder. */
export const UPLOAD_PREFIX = 'registry-';

/** The upload folder, made (or narrowed to) 0700. */
export function prepareUploadDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: UPLOAD_DIR_MODE });
  chmodSync(dir, UPLOAD_DIR_MODE); // a folder made by an earlier version, or by mkdir -p with the umask
}

/**
 * A multer storage engine like diskStorage, except that the file is created 0600 (O_EXCL, so a name is
 * never reused) instead of 0666 minus the umask: it is never readable by others, not even while it is written.
 */
export function privateDiskStorage(dir: string): StorageEngine {
  return {
    _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<Express.Multer.File>) => void): void {
      const filename = `${UPLOAD_PREFIX}${randomUUID()}${extname(file.originalname).toLowerCase()}`;
      const path = join(dir, filename);
      (async () => {
        prepareUploadDir(dir);
        const out = createWriteStream(path, { flags: 'wx', mode: UPLOAD_FILE_MODE });
        try {
          await pipeline(file.stream, out);
        } catch (e) {
          await unlink(path).catch(() => undefined);
          throw e;
        }
        return { destination: dir, filename, path, size: out.bytesWritten };
      })().then(
        (info) => cb(null, info),
        (e) => cb(e),
      );
    },
    _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void): void {
      unlink(file.path).then(
        () => cb(null),
        () => cb(null),
      );
    },
  };
}

/** Deletes an upload; a file already gone is fine. */
export async function removeUpload(path: string | null | undefined): Promise<void> {
  if (path) await unlink(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
}
