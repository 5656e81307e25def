import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { ImportService } from '../services/import.service';

/** How often the worker deletes the uploads of failed imports past UPLOAD_RETAIN_FAILED_HOURS. */
export const UPLOAD_SWEEP_MS = 10 * 60_000;

/**
 * The worker's sweep of kept uploads (@nestjs/schedule runs only in the worker). It runs in-process rather
 * than through the outbox: deleting a file twice is harmless, and the database notes each deletion
 * (file_removed_at) so that no retry counts on a file that is gone.
 */
@Injectable()
export class UploadSweeper {
  private readonly logger = new Logger(UploadSweeper.name);

  constructor(private readonly imports: ImportService) {}

  @Timeout('registry-upload-sweep-startup', 1000)
  @Interval('registry-upload-sweep', UPLOAD_SWEEP_MS)
  async sweep(): Promise<number> {
    try {
      const removed = await this.imports.sweepFailedUploads();
      if (removed) this.logger.log(`deleted the uploads of ${removed} failed registry import(s) past their retention`);
      return removed;
    } catch (e) {
      this.logger.warn(`registry upload sweep failed: ${(e as Error).message}`);
      return 0;
    }
  }
}
