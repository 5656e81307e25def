import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const STATES = ['up', 'down'];

/** GET /health: whether PostgreSQL and Redis answer (200 ok, 503 down with Retry-After). */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'down'] }) status: 'ok' | 'down';
  @ApiProperty({ enum: STATES }) postgres: 'up' | 'down';
  @ApiProperty({ enum: STATES }) redis: 'up' | 'down';
  @ApiPropertyOptional({ description: 'only when down: what is not reachable', example: 'PostgreSQL and Redis not reachable' }) message?: string;
}

/** GET /health/live. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty() pid: number;
  @ApiProperty() uptimeSeconds: number;
}

export class OutboxBacklogDto {
  @ApiProperty({ description: 'jobs written and not yet handed to Redis' }) waiting: number;
  @ApiProperty({ description: 'age of the oldest of them in seconds (0 when none)' }) lagSeconds: number;
}

/** GET /health/ready (the worker's /health/ready has the same fields and its relay heartbeat). */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'down'] }) status: 'ok' | 'down';
  @ApiProperty({ enum: STATES }) postgres: 'up' | 'down';
  @ApiProperty({ enum: STATES }) redis: 'up' | 'down';
  @ApiPropertyOptional({ type: OutboxBacklogDto, nullable: true, description: 'null when PostgreSQL does not answer' }) outbox: OutboxBacklogDto | null;
  @ApiPropertyOptional({ example: 'shutting down' }) message?: string;
}
