import { EntityManager } from 'typeorm';

/** Anything that runs SQL: the DataSource, an EntityManager of a transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The one answer to TypeORM's two shapes: a SELECT or INSERT ... RETURNING answers its rows, a bare
 * UPDATE or DELETE ... RETURNING answers [rows, affected]. Rows are objects, never arrays, so the two
 * cannot be mistaken for each other.
 */
function split(res: unknown): { rows: unknown[]; affected: number | null } {
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number') return { rows: res[0], affected: res[1] };
  return { rows: Array.isArray(res) ? res : [], affected: null };
}

/** The rows a statement answers (SELECT, INSERT/UPDATE/DELETE ... RETURNING alike). */
export async function queryRows<T>(db: Queryable | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return split(await db.query(sql, params)).rows as T[];
}

/** The first row a statement answers, or undefined. */
export async function queryOne<T>(db: Queryable | EntityManager, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(db, sql, params))[0];
}

/** How many rows an UPDATE or DELETE changed (without RETURNING: its count; with RETURNING: the rows). */
export async function queryAffected(db: Queryable | EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const { rows, affected } = split(await db.query(sql, params));
  return affected ?? rows.length;
}

/** For code holding an answer already: the rows of either shape. */
export function rowsOf<T>(res: unknown): T[] {
  return split(res).rows as T[];
}

/** A node-postgres client (a load's own connection) as a Queryable answering its rows. */
export function onPoolClient(client: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }): Queryable {
  return { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
}
