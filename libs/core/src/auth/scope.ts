import { DomainError } from '../errors/domain-error';
import { AuthUser, pathInScope } from './auth-user';

/**
 * Which units a read covers: the whole tree, or the subtree under a unit path. Every list, search and count
 * that is bounded by the caller's unit takes one (never optional), made by org's ScopeService from the caller
 * (`scopeOf`, `listScope`), so a query cannot forget it. Render it with `scopeSql` and bind `scopeParam`.
 */
export type Scope = { readonly kind: 'all' } | { readonly kind: 'subtree'; readonly prefix: string };

/**
 * SQL: whether the unit path in `column` lies in the scope bound as parameter $n (`scopeParam`). The path is
 * never spliced into the statement.
 */
export function scopeSql(column: string, n: number): string {
  return `($${n}::text IS NULL OR ${column} LIKE $${n} || '%')`;
}

/** The value to bind for `scopeSql`: null for the whole tree, else the subtree's path prefix. */
export function scopeParam(scope: Scope): string | null {
  return scope.kind === 'all' ? null : scope.prefix;
}

/** Whether the unit path lies in the scope. */
export function scopeContains(scope: Scope, path: string): boolean {
  return scope.kind === 'all' || path.startsWith(scope.prefix);
}

/** Throws OutOfScope (403, with this message) unless the unit with this path is the caller's unit or below it. */
export function assertInScope(user: AuthUser, path: string, message?: string): void {
  if (!pathInScope(user, path)) throw DomainError.outOfScope(message);
}
