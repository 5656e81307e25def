import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ORG_LEVELS = ['city', 'district', 'town', 'village', 'agency'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/**
 * A unit of the administrative tree. The tree is a materialised path of ids ('/1/4/17/'):
 * "every descendant of X" is one range scan on a text_pattern_ops index (path LIKE '/1/4/%'),
 * the path to the root is the path itself, and moving a subtree is one UPDATE that rewrites the
 * prefix. A closure table would cost depth x rows and a rewrite of many rows per move; ltree
 * needs an extension. Depth is small (city → district → town → village), paths stay short.
 */
@Entity('org_unit')
export class OrgUnit {
  @PrimaryGeneratedColumn()
  id: number;
  @Column('text')
  code: string;
  @Column('text')
  name: string;
  @Column('text')
  level: OrgLevel;
  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;
  @Column('text')
  path: string;
  @Column('int')
  depth: number;
  @Column('boolean')
  active: boolean;
  /** For member departments (level agency): the duty they carry in the campaign (DOMAIN.md section 3). */
  @Column({ type: 'text', nullable: true })
  duty: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
