import { EntityManager } from 'typeorm';
import { queryOne } from './sql';

/** Today in Asia/Shanghai as the database sees it (YYYY-MM-DD): for demo data dated by the server, not the injected clock. */
export async function databaseToday(m: EntityManager): Promise<string> {
  return (await queryOne<{ today: string }>(m, `SELECT to_char((now() AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS today`))!.today;
}
