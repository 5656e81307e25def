import { Role } from '#core';

export const ORG_LEVELS = ['city', 'district', 'town', 'village', 'agency'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/**
 * A unit of the administrative tree (table org_unit). The tree is a materialised path of ids ('/1/4/17/'):
 * "every descendant of X" is one range scan on a text_pattern_ops index (path LIKE '/1/4/%'),
 * the path to the root is the path itself, and moving a subtree is one UPDATE that rewrites the
 * prefix. A closure table would cost depth x rows and a rewrite of many rows per move; ltree
 * needs an extension. Depth is small (city → district → town → village), paths stay short.
 */
export interface OrgUnit {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  parentId: number | null;
  path: string;
  depth: number;
  active: boolean;
  /** For member departments (level agency): the duty they carry in the campaign (DOMAIN.md section 3). */
  duty: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A unit to insert: its id is drawn from the sequence beforehand (its path contains it); the table stamps the times. */
export type NewOrgUnit = Omit<OrgUnit, 'createdAt' | 'updatedAt'>;

/** A user account (table app_user) as the API shows it: never with the password hash. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  orgUnitId: number;
  roles: Role[];
  active: boolean;
  /** An admin set the password (create or reset): it must be changed before anything else. */
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A user to insert, with the hash of the password an admin set. */
export type NewUser = Omit<User, 'id' | 'createdAt' | 'updatedAt'> & { passwordHash: string };

/** What an admin may change of a user; a reset password comes as its hash. */
export type UserChanges = Partial<Pick<User, 'displayName' | 'phone' | 'orgUnitId' | 'roles' | 'active' | 'mustChangePassword'>> & { passwordHash?: string };
