import { AUDIT_ACTIONS } from '#core';
import { ApiProperty } from '@nestjs/swagger';

/** One audit row; phones in `changes` are masked. */
export class AuditLogEntryDto {
  @ApiProperty({ description: 'bigint id, as a string', example: '1024' }) id: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null for the system or a login attempt', example: 5 }) actorId: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the actor's username ('system' for jobs; the username tried for a failed login)",
    example: 'dongxi_manager',
  })
  actorUsername: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS, example: 'update' }) action: string;
  @ApiProperty({ example: 'org_unit' }) entity: string;
  @ApiProperty({ example: '17' }) entityId: string;
  @ApiProperty({ type: String, nullable: true, description: 'path of the unit the event belonged to at the time', example: '/1/4/17/' }) orgUnitPath:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'client address of the request', example: '10.0.0.8' }) ip: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    description: 'the fields that changed, each as { before, after }; null when the event changes nothing',
    additionalProperties: { type: 'object', properties: { before: {}, after: {} } },
    example: { name: { before: '东湖街道', after: '东湖新街道' } },
  })
  changes: Record<string, { before: unknown; after: unknown }> | null;
}
