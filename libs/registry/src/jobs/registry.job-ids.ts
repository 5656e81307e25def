/** How often the worker looks for imports whose job died. */
export const IMPORT_RECONCILE_MS = 30_000;
/** How often the worker deletes the uploads of failed imports past UPLOAD_RETAIN_FAILED_HOURS. */
export const UPLOAD_SWEEP_MS = 10 * 60_000;

/** Every job id of an import begins so (JobLookup finds its jobs by this prefix). */
export function importJobIdPrefix(importJobId: string): string {
  return `registry-import-${importJobId}-`;
}

/** The job id of an import's first run, written with the import. */
export function firstImportJobId(importJobId: string): string {
  return `${importJobIdPrefix(importJobId)}0`;
}

/**
 * The job id of an import queued again (a retry, or the reconciler's re-run number `reruns`): a fresh id each
 * time, since BullMQ may still hold the lost job as completed or failed and would drop a repeat.
 */
export function againImportJobId(importJobId: string, attempts: number, at: Date, reruns: number): string {
  return `${importJobIdPrefix(importJobId)}${attempts}-r${at.getTime()}${reruns ? `-a${reruns}` : ''}`;
}

/** The job id of a reconcile tick: one per period however many workers tick (the start-up catch-up shares its period's). */
export function importReconcileJobId(now: Date): string {
  return `registry-import-reconcile-${Math.floor(now.getTime() / IMPORT_RECONCILE_MS)}`;
}

/** The job id of a sweep tick: one per period however many workers tick. */
export function uploadSweepJobId(now: Date): string {
  return `registry-upload-sweep-${Math.floor(now.getTime() / UPLOAD_SWEEP_MS)}`;
}
