import { ApiProperty } from '@nestjs/swagger';
import { ProbeRow } from './worker-probe.repository';

/** A probe as the API answers it: the worker_probe row, columns as they are named (snake_case). */
export class ProbeDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ format: 'uuid' }) token: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the admin who sent it', example: 1 }) requested_by: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) requested_at: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null until a worker processed it' }) processed_at: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'host:pid of the worker that processed it', example: 'worker-1:4242' }) processed_by: string | null;
}

export function toProbeDto(r: ProbeRow): ProbeDto {
  return { id: r.id, token: r.token, requested_by: r.requested_by, requested_at: r.requested_at, processed_at: r.processed_at, processed_by: r.processed_by };
}
