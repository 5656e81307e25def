import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A change of the tree that takes a unit and its whole subtree somewhere: under another parent, or out of service. */
export interface TreeChange {
  kind: 'move' | 'deactivate';
  unitId: number;
  unitName: string;
  /** The unit's path before the change: the subtree is every unit whose path starts with it. */
  path: string;
}

/** Throws a DomainError when the change must not happen; runs in the changing transaction, after the rollup lock. */
export type TreeGuard = (m: EntityManager, change: TreeChange) => Promise<void>;

/** A change of a user that takes them off their work: to another unit, out of service, or out of the cadre role. */
export interface UserChange {
  kind: 'move' | 'deactivate' | 'not-cadre';
  userId: number;
  username: string;
}

export type UserGuard = (m: EntityManager, change: UserChange) => Promise<void>;

/**
 * What other libraries say about a change of the tree. The org library sits below them and cannot read
 * their tables itself: a library whose records depend on where a unit sits registers a guard at start-up
 * (campaigns: a unit holding live tasks does not move), and every path that moves or deactivates a
 * subtree asks them all first.
 */
@Injectable()
export class TreeGuards {
  private readonly guards: TreeGuard[] = [];
  private readonly userGuards: UserGuard[] = [];

  register(guard: TreeGuard): void {
    this.guards.push(guard);
  }

  /** Likewise for a user (campaigns: a cadre holding a live share stays in their unit, active and a cadre). */
  registerUser(guard: UserGuard): void {
    this.userGuards.push(guard);
  }

  async check(m: EntityManager, change: TreeChange): Promise<void> {
    for (const guard of this.guards) await guard(m, change);
  }

  async checkUser(m: EntityManager, change: UserChange): Promise<void> {
    for (const guard of this.userGuards) await guard(m, change);
  }
}
