/** A NUL character or a lone UTF-16 surrogate: PostgreSQL refuses both in text, and no clerk means them. */
// eslint-disable-next-line no-control-regex
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}

const MAX_DEPTH = 32;

/**
 * The path of the first string (value or object key) holding a NUL or a lone surrogate, anywhere in
 * a body, query or params value (nested objects and arrays included), or null when there is none.
 * Paths read like the validation errors: `lines[0].comment`.
 */
export function findBadText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return hasBadText(value) ? path || 'value' : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findBadText(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    if (hasBadText(k)) return p;
    const hit = findBadText(v, p, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** The deepest nesting any request value may have: no DTO of ours goes beyond a few levels. */
export const MAX_NESTING = 32;

/**
 * Whether objects and arrays nest deeper than `max` (JSON such as `[[[[…]]]]` 5 000 deep would overflow
 * class-transformer's recursion: a 500). Walks with a stack of its own, so it cannot overflow either.
 */
export function nestsDeeperThan(value: unknown, max = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}
