import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A loop of the worker's own that runs `tick` at start-up and then again whenever tick asks (schedule),
 * until the application shuts down: the outbox relay and reconciler. One timer at a time, so ticks never overlap.
 */
export abstract class TimerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  protected abstract tick(): Promise<void>;

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  protected schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
  }
}
