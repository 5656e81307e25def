import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ type: 'timestamptz' })
  at: Date;
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;
  @Column({ name: 'actor_username', type: 'text', nullable: true })
  actorUsername: string | null;
  @Column('text')
  action: string;
  @Column('text')
  entity: string;
  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;
  @Column({ name: 'org_unit_path', type: 'text', nullable: true })
  orgUnitPath: string | null;
  @Column({ type: 'text', nullable: true })
  ip: string | null;
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, unknown> | null;
}
