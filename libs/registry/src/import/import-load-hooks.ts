import { Injectable } from '@nestjs/common';
import { tmpdir } from 'node:os';

/**
 * Where a registry load spools its bad-rows file, and a step it runs after the file is staged and before
 * anything is written. This default does nothing there; an e2e suite overrides the provider to cut a load
 * off at that point (an aborted run must leave nothing) or to point the spool at a missing folder.
 */
@Injectable()
export class ImportLoadHooks {
  spoolDir(): string {
    return tmpdir();
  }

  async afterStage(_importJobId: string): Promise<void> {}
}
