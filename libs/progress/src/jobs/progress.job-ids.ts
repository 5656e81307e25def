/** The BullMQ job ids of progress's jobs, each one per unit of work (the outbox and BullMQ drop a second one). */

/** progress.reconcile is enqueued once per ten-minute bucket, whatever the number of workers. */
export const RECONCILE_BUCKET_MS = 600000;

/** The reconcile job of the bucket holding `now`. */
export function reconcileJobId(now: Date): string {
  return `progress-reconcile-${Math.floor(now.getTime() / RECONCILE_BUCKET_MS)}`;
}

/** The bulletin of a campaign's unit on a date (schedule and office request alike). */
export function bulletinJobId(campaignId: number, unitId: number, date: string): string {
  return `bulletin-${campaignId}-${unitId}-${date}`;
}

/** The settlement of a task for a period. */
export function settleJobId(taskId: number, period: string): string {
  return `settle-${taskId}-${period}`;
}
