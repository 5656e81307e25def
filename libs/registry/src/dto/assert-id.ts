import { DomainError } from '#core';

/** A path id: a positive integer of at most 18 digits, else a 400 naming the field. */
export function assertId(id: string): string {
  if (!/^\d{1,18}$/.test(id)) throw DomainError.validation('id', 'must be a positive integer');
  return id;
}
