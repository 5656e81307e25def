import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const STATES = ['up', 'down'];

/** GET /health: whether PostgreSQL and Redis answer (200 ok, 503 down with Retry-After). */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'down'] }) status: 'ok' | 'down';
  @ApiProperty({ enum: STATES }) postgres: 'up' | 'down';
  @ApiProperty({ enum: STATES }) redis: 'up' | 'down';
  @ApiPropertyOptional({ description: 'only when down: what is not reachable', example: 'PostgreSQL and Redis not reachable' }) message?: string;
}
