import { ageSql, recommendationSql, recommendScheme } from '#registry';
import { Client } from 'pg';
import { createTestDatabase } from '../helpers/test-app';

/**
 * The recommendation rule is written once for Node (recommendScheme, unit-tested in rules.spec.ts) and once
 * for SQL list filters (recommendationSql, ageSql): PostgreSQL must answer exactly as Node on the boundaries.
 * By hand (seed 001: men under 45, women under 40 -> employee pension):
 *  M 1981-03-02 on 2026-03-01: 44, employee; on 2026-03-02: 45, resident
 *  F 1986-03-02 on 2026-03-01: 39, employee; on 2026-03-02: 40, resident
 *  F 1988-02-29 on 2028-02-28: 39, employee; on 2028-02-29: 40, resident
 *  M 1980-02-29 on 2025-02-28: 44, employee; on 2025-03-01: 45, resident (no 29 February in 2025)
 */
describe('the recommendation rule in SQL answers as in Node', () => {
  let db: { url: string; drop: () => Promise<void> };
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('gives the same age and scheme on every boundary', async () => {
    const cases: [sex: 'M' | 'F', birth: string, on: string, age: number, scheme: string][] = [
      ['M', '1981-03-02', '2026-03-01', 44, 'employee_pension'],
      ['M', '1981-03-02', '2026-03-02', 45, 'resident_pension'],
      ['F', '1986-03-02', '2026-03-01', 39, 'employee_pension'],
      ['F', '1986-03-02', '2026-03-02', 40, 'resident_pension'],
      ['F', '1988-02-29', '2028-02-28', 39, 'employee_pension'],
      ['F', '1988-02-29', '2028-02-29', 40, 'resident_pension'],
      ['M', '1980-02-29', '2025-02-28', 44, 'employee_pension'],
      ['M', '1980-02-29', '2025-03-01', 45, 'resident_pension'],
    ];
    const { rows } = await client.query(
      `SELECT ${ageSql('p', 'p.ref')} AS age, ${recommendationSql('p', 'p.ref')} AS scheme
         FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS p(sex, birth_date, ref, n) ORDER BY n`,
      [cases.map((c) => c[0]), cases.map((c) => c[1]), cases.map((c) => c[2])],
    );
    expect(rows).toEqual(cases.map(([, , , age, scheme]) => ({ age, scheme })));
    expect(cases.map(([sex, birth, on]) => recommendScheme(sex, birth, on))).toEqual(cases.map(([, , , age, scheme]) => ({ age, scheme })));
  });
});
