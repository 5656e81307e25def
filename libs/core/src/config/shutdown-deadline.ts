/** Seconds a SIGTERM or SIGINT leaves the process to close cleanly before it exits anyway (docker stop waits 10). */
export const SHUTDOWN_DEADLINE_SECONDS = 8;

/**
 * Nest's shutdown hooks close the HTTP server, the queue workers (waiting for their running jobs) and the database
 * pool. Should that take longer than SHUTDOWN_DEADLINE_SECONDS (a long import, a database that is gone and a client
 * waiting on it), the process exits anyway: a job cut off is handed back (its BullMQ lock lapses and it is run
 * again; an import's transaction rolls back and the import reconciler re-runs it).
 */
export function exitAfterDeadlineOnSignal(name: string, seconds = SHUTDOWN_DEADLINE_SECONDS): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      console.log(`${name} ${process.pid}: ${signal}, stopping (at most ${seconds} s)`);
      setTimeout(() => {
        console.error(`${name} ${process.pid}: not stopped within ${seconds} s of ${signal}: exiting, running jobs are handed back`);
        process.exit(1);
      }, seconds * 1000).unref();
    });
}
