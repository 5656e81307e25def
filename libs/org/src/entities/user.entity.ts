import { Role } from '#core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn()
  id: number;
  @Column('text')
  username: string;
  @Column({ name: 'display_name', type: 'text' })
  displayName: string;
  @Column({ type: 'text', nullable: true })
  phone: string | null;
  @Column({ name: 'org_unit_id', type: 'int' })
  orgUnitId: number;
  @Column('text', { array: true })
  roles: Role[];
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;
  @Column('boolean')
  active: boolean;
  /** An admin set the password (create or reset): it must be changed before anything else. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
