import { AppConfig } from '#core';
import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';

export const DEFAULT_BCRYPT_COST = 12;

/** A bcrypt hash; callers without the injected config (bootstrap, demo) get the production cost. */
export function hashPassword(password: string, cost = DEFAULT_BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** Hashes at the configured cost; verifies any bcrypt hash at its own cost, so older hashes keep working. */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return hashPassword(password, this.config.BCRYPT_COST);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /** A hash of the configured cost to compare against when the username is unknown, so that answer takes as long. */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hash('no such user: the answer must take as long as for a real one');
    return this.dummy;
  }
}
