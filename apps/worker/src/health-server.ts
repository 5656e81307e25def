import { AppConfig, bearerMatches, ClusterMetrics, OutboxRelay } from '#core';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** The relay passes every 200 ms when idle: a heartbeat older than this means its loop is stuck or its database gone. */
export const HEARTBEAT_STALE_MS = 30_000;

/**
 * The worker's only port (WORKER_HEALTH_PORT; none when unset), for the orchestrator and Prometheus:
 *  - GET /health/live: 200 while the process runs its event loop;
 *  - GET /health/ready: 200 when PostgreSQL and Redis answer, the outbox relay's heartbeat is fresh and the outbox
 *    lag is within OUTBOX_LAG_READY_SECONDS; else 503 with what is wrong; 503 once shutting down;
 *  - GET /metrics: this worker's Prometheus metrics, with `Authorization: Bearer <METRICS_TOKEN>` only.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHealth');
  private server?: Server;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly cluster: ClusterMetrics,
    private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.WORKER_HEALTH_PORT;
    if (!port) return;
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '0.0.0.0', () => resolve());
    });
    this.logger.log(`health on port ${(this.server.address() as AddressInfo).port} (/health/live, /health/ready, /metrics)`);
  }

  /** Not ready from the first moment of a shutdown, so that no orchestrator counts on this worker any more. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') return send(405, { status: 'error', message: 'GET only' });
      if (path === '/health/live') return send(200, { status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) });
      if (path === '/health/ready') return send(...(await this.readiness()));
      if (path === '/metrics') {
        if (!bearerMatches(req.headers.authorization, this.config.METRICS_TOKEN))
          return send(401, { status: 'error', message: 'Authorization: Bearer <METRICS_TOKEN> required' });
        const m = await this.cluster.render();
        return send(200, m.body, m.contentType);
      }
      return send(404, { status: 'error', message: 'not found' });
    } catch (e) {
      send(500, { status: 'error', message: (e as Error).message });
    }
  }

  private async readiness(): Promise<[number, unknown]> {
    const report = await this.cluster.readiness();
    const beatAgo = this.relay.lastPassAt === null ? null : Date.now() - this.relay.lastPassAt;
    const heartbeat = { lastPassSecondsAgo: beatAgo === null ? null : Math.round(beatAgo / 1000), fresh: beatAgo !== null && beatAgo <= HEARTBEAT_STALE_MS };
    const ready = !this.stopping && heartbeat.fresh && this.cluster.ready(report, true);
    const problems = [
      this.stopping && 'shutting down',
      report.postgres === 'down' && 'PostgreSQL not reachable',
      report.redis === 'down' && 'Redis not reachable',
      !heartbeat.fresh && 'outbox relay heartbeat stale',
      report.outbox &&
        report.outbox.lagSeconds > this.config.OUTBOX_LAG_READY_SECONDS &&
        `outbox lag ${report.outbox.lagSeconds} s over ${this.config.OUTBOX_LAG_READY_SECONDS} s`,
    ].filter(Boolean);
    return [ready ? 200 : 503, { status: ready ? 'ok' : 'down', ...report, heartbeat, ...(problems.length ? { message: problems.join('; ') } : {}) }];
  }
}
