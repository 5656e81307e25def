import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON a route answers on success (its 200 or 201), as the generated schema declares it. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer A }
      ? JsonOf<A>
      : never
  : never;

/**
 * The generated answer type once the route documents it; until then the shape the console reads today.
 * Other helpers are adding response DTOs to every route: after `npm run api:client` the generated type wins,
 * and a fallback in pending.ts that no longer matches fails the web type check — then delete it.
 */
export type Documented<Generated, Fallback> = [Generated] extends [never] ? Fallback : Generated;
