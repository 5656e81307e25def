import { OUTAGE_RETRY_AFTER_SECONDS, Public } from '#core';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { HealthDto } from './health.dto';
import { RedisProbe } from './redis-probe';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
  ) {}

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
