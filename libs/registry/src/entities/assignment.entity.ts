import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Assignment history: every (re)assignment of an entry to a cadre, never rewritten. */
@Entity('registry_assignment')
export class Assignment {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ name: 'person_id', type: 'bigint', nullable: true })
  personId: string | null;
  @Column({ name: 'employer_id', type: 'bigint', nullable: true })
  employerId: string | null;
  @Column({ name: 'from_cadre_id', type: 'int', nullable: true })
  fromCadreId: number | null;
  @Column({ name: 'to_cadre_id', type: 'int', nullable: true })
  toCadreId: number | null;
  @Column('text')
  mode: 'single' | 'filter' | 'even';
  @Column({ name: 'assigned_by', type: 'int', nullable: true })
  assignedBy: number | null;
  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;
}
