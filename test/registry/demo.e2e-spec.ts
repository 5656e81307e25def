import { EMPLOYER_OUTCOMES, parseIdNumber, parseUscc, PERSON_OUTCOMES } from '#registry';
import { seedDemo } from '#platform';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

describe('demo: registry', () => {
  let env: TestEnv;
  let api: TestApi;
  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('has thousands of valid people, hundreds of employers, assignments and visits of every outcome', async () => {
    expect(await seedDemo(api.ds)).not.toBeNull();
    const people: { id_number: string }[] = await api.ds.query(`SELECT id_number FROM registry_person WHERE id_number LIKE '510105%'`);
    expect(people.length).toBe(3000);
    expect(people.every((p) => parseIdNumber(p.id_number).ok)).toBe(true);
    const employers: { uscc: string }[] = await api.ds.query(`SELECT uscc FROM registry_employer`);
    expect(employers.length).toBe(300);
    expect(employers.every((e) => parseUscc(e.uscc).ok)).toBe(true);
    const villages = await api.ds.query(`SELECT count(DISTINCT org_unit_id)::int AS n FROM registry_person`);
    const allVillages = await api.ds.query(`SELECT count(*)::int AS n FROM org_unit WHERE level = 'village'`);
    expect(villages).toEqual(allVillages);
    // every outcome of each kind, and only those: no employer is deceased
    const outcomes = async (fk: string) =>
      (await api.ds.query(`SELECT DISTINCT outcome FROM registry_visit WHERE ${fk} IS NOT NULL ORDER BY outcome`)).map((o: { outcome: string }) => o.outcome);
    expect(await outcomes('person_id')).toEqual([...PERSON_OUTCOMES].sort());
    expect(await outcomes('employer_id')).toEqual([...EMPLOYER_OUTCOMES].sort());
    const [{ n: assigned }] = await api.ds.query(`SELECT count(*)::int AS n FROM registry_assignment`);
    expect(assigned).toBeGreaterThan(0);
    // status follows the (only) visit
    const [{ n: mismatched }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM registry_person p JOIN registry_visit v ON v.person_id = p.id WHERE p.status <> v.outcome AND p.id_number LIKE '510105%'`,
    );
    expect(mismatched).toBe(0);
  });
});
