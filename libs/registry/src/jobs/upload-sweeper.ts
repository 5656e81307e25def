import { JobHandlers } from '#core';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ImportService } from '../services/import.service';

/**
 * The sweep of kept uploads: the handler of the registry.upload-sweep job (registry.schedule.ts enqueues it).
 * Deleting a file twice is harmless, and the database notes each deletion (file_removed_at) so that no retry
 * counts on a file that is gone.
 */
@Injectable()
export class UploadSweeper implements OnModuleInit {
  private readonly logger = new Logger(UploadSweeper.name);

  constructor(
    private readonly imports: ImportService,
    private readonly handlers: JobHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.register('registry.upload-sweep', () => this.sweep());
  }

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
