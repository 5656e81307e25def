import { ClusterMetrics, OUTAGE_RETRY_AFTER_SECONDS, Public } from '#core';
import { BeforeApplicationShutdown, Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { HealthDto, LivenessDto, ReadinessDto } from './health.dto';
import { RedisProbe } from './redis-probe';

@ApiTags('health')
@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  private stopping = false;
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
    private readonly cluster: ClusterMetrics,
  ) {}

  /** Not ready from the first moment of a shutdown (SIGTERM), so that the load balancer stops sending requests here. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while this process serves HTTP (it checks nothing else)' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: 200 when PostgreSQL and Redis answer (and not shutting down), with the outbox backlog; 503 naming what is wrong',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'PostgreSQL or Redis does not answer, or the process is stopping (Retry-After)' })
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.cluster.readiness();
    const ok = !this.stopping && this.cluster.ready(report, false);
    const problems = [
      this.stopping && 'shutting down',
      report.postgres === 'down' && 'PostgreSQL not reachable',
      report.redis === 'down' && 'Redis not reachable',
    ].filter(Boolean);
    if (!ok) res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'down', ...report, ...(problems.length ? { message: problems.join('; ') } : {}) });
  }

  @Public()
  @Get()
  @ApiOperation({ summary: '200 when PostgreSQL and Redis answer; 503 naming the one that does not' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'PostgreSQL or Redis does not answer (Retry-After)' })
  async check(@Res() res: Response): Promise<void> {
    const [postgres, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'up',
        () => 'down',
      ),
      this.redis.ping().then(
        () => 'up',
        () => 'down',
      ),
    ]);
    const down = [postgres === 'down' && 'PostgreSQL', redis === 'down' && 'Redis'].filter(Boolean);
    const status = down.length ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
    if (down.length) res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    res
      .status(status)
      .json({ status: down.length ? 'down' : 'ok', postgres, redis, ...(down.length ? { message: `${down.join(' and ')} not reachable` } : {}) });
  }
}
