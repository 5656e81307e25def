import { timingSafeEqual } from 'node:crypto';

/** Whether an Authorization header is `Bearer <expected>` (compared in constant time); never with no token configured. */
export function bearerMatches(header: string | undefined, expected: string | undefined): boolean {
  if (!expected || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}
