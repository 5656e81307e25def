import { ImportLoadHooks } from '#registry';
import { tmpdir } from 'node:os';

/** The registry load's hooks as a suite sets them: a step after each staging while set, and the spool folder. */
export class ScriptedLoadHooks extends ImportLoadHooks {
  /** Runs after a load has staged its file, before it writes anything; unset: nothing. */
  onStaged?: (importJobId: string) => Promise<void>;
  spoolFolder = tmpdir();

  override spoolDir(): string {
    return this.spoolFolder;
  }

  override async afterStage(importJobId: string): Promise<void> {
    if (this.onStaged) await this.onStaged(importJobId);
  }
}
