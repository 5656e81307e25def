import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric of the platform, named once (prom-client). One registry per process: the api serves it
 * at GET /metrics, the worker on its health port (WORKER_HEALTH_PORT). Counters count what this process did
 * (a worker's messages, imports, cutoffs: scrape every worker and sum); the queue and outbox gauges are the
 * whole installation's, read from Redis and PostgreSQL at each scrape (ClusterMetrics).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'yingbao_' });

const registers = [metricsRegistry];

export const METRICS = {
  /** HTTP requests by route template (`/api/campaigns/:id`, never the raw URL), method and status. */
  httpDuration: new Histogram({
    name: 'yingbao_http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  }),
  /** BullMQ jobs by queue and state (waiting, active, delayed, failed, completed), at the scrape. */
  queueJobs: new Gauge({ name: 'yingbao_queue_jobs', help: 'Jobs in each BullMQ queue by state', labelNames: ['queue', 'state'] as const, registers }),
  /** Jobs this process ran, by queue, job name and outcome (done, failed: will be retried or dead). */
  jobs: new Counter({
    name: 'yingbao_jobs_total',
    help: 'Jobs run by this process by queue, job and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers,
  }),
  /** Outbox rows written and not yet handed to Redis. */
  outboxWaiting: new Gauge({ name: 'yingbao_outbox_waiting', help: 'Outbox rows not yet relayed to Redis', registers }),
  /** Age of the oldest of them: how far the relay is behind. */
  outboxLag: new Gauge({ name: 'yingbao_outbox_lag_seconds', help: 'Age of the oldest outbox row not yet relayed (0 when none)', registers }),
  /** Registry import rows this process loaded, by kind and result (good, bad). */
  importRows: new Counter({
    name: 'yingbao_import_rows_total',
    help: 'Registry import rows loaded by this process',
    labelNames: ['kind', 'result'] as const,
    registers,
  }),
  /** Rows per second of the last registry import this process finished, by kind. */
  importRate: new Gauge({
    name: 'yingbao_import_rows_per_second',
    help: 'Rows per second of the last registry import finished here',
    labelNames: ['kind'] as const,
    registers,
  }),
  /** Outreach messages this process sent or failed, by channel (sms, webhook). */
  messages: new Counter({
    name: 'yingbao_messages_total',
    help: 'Outreach messages by channel and outcome (sent, failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  }),
  /** Escalation cutoff runs this process completed. */
  cutoffRuns: new Counter({ name: 'yingbao_cutoff_runs_total', help: 'Escalation cutoff runs completed by this process', registers }),
} as const;
