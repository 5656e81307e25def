import { CampaignReader } from '#campaigns';
import { OrgReader } from '#org';
import { EntityManager } from 'typeorm';
import { EMPLOYER_OUTCOMES, PERSON_OUTCOMES, SOURCE_GROUPS } from '../registry.types';
import { idNumberCheckChar } from '../rules/id-number';
import { usccCheckChar } from '../rules/uscc';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['秀英', '建国', '桂兰', '洪涛', '淑珍', '志强', '丽娟', '德明', '玉梅', '海军', '凤英', '立新', '春华', '国庆', '红梅'];

/**
 * Demo step: 3 000 registry people and 300 employers spread over every village (employers also on
 * towns), the villages' cadres assigned evenly, and visits of every outcome (seed 001).
 */
export async function seedDemoRegistry(m: EntityManager): Promise<void> {
  // the demo campaign (seedDemoCampaign runs first)
  const [campaign] = await new CampaignReader().activeCampaigns(m);
  if (!campaign) return;
  const org = new OrgReader();
  const villages = await org.activeUnitsAt(m, 'village');
  const towns = await org.activeUnitsAt(m, 'town');
  if (!villages.length) return;

  const people: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (let i = 0; i < 3000; i++) {
    const v = villages[i % villages.length];
    const y = 1960 + (i % 45);
    const birth = `${y}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    const first = `510105${birth}${String(i % 1000).padStart(3, '0')}`;
    const id = first + idNumberCheckChar(first);
    const cols = [
      id,
      SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length],
      (i % 1000) % 2 === 1 ? 'M' : 'F',
      `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      `139${String(10000000 + i).padStart(8, '0')}`,
      v.id,
      v.path,
      SOURCE_GROUPS[i % SOURCE_GROUPS.length],
      `第${(i % 9) + 1}组`,
    ];
    cols.forEach((c, k) => people[k].push(c));
  }
  await m.query(
    `INSERT INTO registry_person (campaign_id, id_number, name, sex, birth_date, phone, org_unit_id, org_unit_path, source_group, address)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::char(1)[], $5::date[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[])
     ON CONFLICT (campaign_id, id_number) DO NOTHING`,
    [campaign.id, ...people],
  );
  const employers: unknown[][] = [[], [], [], [], [], [], [], [], []];
  const units = [...villages, ...towns];
  for (let i = 0; i < 300; i++) {
    const u = units[i % units.length];
    const first = `91510105${String(700000000 + i)}`;
    const staff = i % 10 === 0 ? 120 : 5 + (i % 40);
    const insured = Math.floor(staff / 3);
    const cols = [
      first + usccCheckChar(first),
      `云帆${i}号商贸有限公司`,
      SURNAMES[i % SURNAMES.length] + GIVEN[(i + 3) % GIVEN.length],
      u.id,
      u.path,
      staff,
      insured,
      staff - insured,
      i % 7 === 0,
    ];
    cols.forEach((c, k) => employers[k].push(c));
  }
  await m.query(
    `INSERT INTO registry_employer (campaign_id, uscc, name, legal_representative, org_unit_id, org_unit_path, staff_count, insured_count, uninsured_count, flags)
     SELECT $1, u, n, l, o, p, s, i, un, CASE WHEN d THEN '{suspected_dispatch}'::text[] ELSE '{}'::text[] END
       FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[], $9::int[], $10::boolean[]) AS x(u, n, l, o, p, s, i, un, d)
     ON CONFLICT (campaign_id, uscc) DO NOTHING`,
    [campaign.id, ...employers],
  );

  // Each village's entries spread evenly over its cadres, with history.
  for (const table of ['registry_person', 'registry_employer']) {
    const fk = table === 'registry_person' ? 'person_id' : 'employer_id';
    await m.query(
      `WITH c AS (SELECT id, org_unit_id, row_number() OVER (PARTITION BY org_unit_id ORDER BY id) - 1 AS k, count(*) OVER (PARTITION BY org_unit_id) AS n
                    FROM org_user_v WHERE active AND 'cadre' = ANY(roles)),
            e AS (SELECT id, org_unit_id, row_number() OVER (PARTITION BY org_unit_id ORDER BY id) - 1 AS k FROM ${table} WHERE campaign_id = $1 AND cadre_id IS NULL),
            sel AS (SELECT e.id, c.id AS cadre FROM e JOIN c ON c.org_unit_id = e.org_unit_id AND c.k = e.k % c.n),
            upd AS (UPDATE ${table} t SET cadre_id = sel.cadre, assigned_at = now() FROM sel WHERE t.id = sel.id RETURNING t.id, sel.cadre)
       INSERT INTO registry_assignment (${fk}, to_cadre_id, mode, assigned_at) SELECT id, cadre, 'even', now() FROM upd`,
      [campaign.id],
    );
  }

  // Visits: about two thirds of the people and half of the employers, every outcome that fits the kind represented.
  for (const [table, fk, every, outcomes] of [
    ['registry_person', 'person_id', 3, PERSON_OUTCOMES],
    ['registry_employer', 'employer_id', 2, EMPLOYER_OUTCOMES],
  ] as const) {
    await m.query(
      `WITH v AS (
         SELECT e.id, e.campaign_id, e.org_unit_path, e.cadre_id,
                (ARRAY[${outcomes.map((o) => `'${o}'`).join(',')}])[1 + (e.id % ${outcomes.length})] AS outcome,
                (ARRAY['door_to_door','phone','wechat'])[1 + (e.id % 3)] AS method,
                timestamptz '2026-02-01 10:00+08' + (e.id % 28) * interval '1 day' AS at
           FROM ${table} e WHERE e.campaign_id = $1 AND e.id % ${every} <> 0
       ), ins AS (
         INSERT INTO registry_visit (campaign_id, ${fk}, org_unit_path, visitor_id, visited_at, method, outcome, proof_reference, ineligible_reason, note)
         SELECT campaign_id, id, org_unit_path, cadre_id, at, method, outcome,
                CASE WHEN outcome = 'insured_elsewhere' THEN '外地参保证明' END, CASE WHEN outcome = 'not_eligible' THEN '现役军人' END, '演示走访记录'
           FROM v RETURNING ${fk} AS id, visited_at, method, outcome
       )
       UPDATE ${table} t SET visit_count = t.visit_count + 1, status = ins.outcome, last_outcome = ins.outcome, last_visit_at = ins.visited_at
              ${table === 'registry_employer' ? `, refusal_count = refusal_count + (ins.outcome = 'refused')::int, onsite_visit_count = onsite_visit_count + (ins.method = 'door_to_door')::int` : ''}
         FROM ins WHERE t.id = ins.id`,
      [campaign.id],
    );
  }
}

/**
 * Demo: the two largest not-enrolled employers of each district of the campaign refuse three times, the last
 * visit on `lastOn` (YYYY-MM-DD) and the others 12 and 20 days before, and their counters follow.
 */
export async function seedDemoRefusals(m: EntityManager, campaignId: number, lastOn: string): Promise<void> {
  const refusing: { id: string; cadre_id: number | null }[] = await m.query(
    `SELECT id, cadre_id FROM (
       SELECT e.id, e.cadre_id, row_number() OVER (PARTITION BY d.id ORDER BY e.uninsured_count DESC, e.id) AS k
         FROM registry_employer e JOIN org_unit_v d ON d.level = 'district' AND e.org_unit_path LIKE d.path || '%'
        WHERE e.campaign_id = $1 AND e.status <> 'enrolled'
          AND NOT EXISTS (SELECT 1 FROM registry_visit v WHERE v.employer_id = e.id AND v.outcome = 'enrolled')) x
     WHERE k <= 2`,
    [campaignId],
  );
  for (const e of refusing) {
    for (const [i, days] of [20, 12, 0].entries()) {
      await m.query(
        `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome, note)
         SELECT campaign_id, id, org_unit_path, cadre_id, ($2::date - $3::int + time '10:00') AT TIME ZONE 'Asia/Shanghai', 'door_to_door', 'refused', $4
           FROM registry_employer WHERE id = $1`,
        [e.id, lastOn, days, `第${i + 1}次上门动员，负责人拒绝为职工参保`],
      );
    }
    await m.query(
      `UPDATE registry_employer e SET status = 'refused', last_outcome = 'refused',
              visit_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id),
              refusal_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id AND v.outcome = 'refused'),
              onsite_visit_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id AND v.method = 'door_to_door'),
              last_visit_at = (SELECT max(visited_at) FROM registry_visit v WHERE v.employer_id = e.id)
        WHERE id = $1`,
      [e.id],
    );
  }
}

export interface DemoPerson {
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string;
  status: string;
}

/**
 * Demo: lapsed contributors of a village in the campaign (a person already there keeps their id and takes the
 * new name); answers their ids in the order given.
 */
export async function addDemoLapsedPeople(m: EntityManager, campaignId: number, unit: { id: number; path: string }, people: DemoPerson[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of people) {
    const [row] = await m.query(
      `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, insurance_status, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'lapsed_contributor', 'lapsed', $9)
       ON CONFLICT (campaign_id, id_number) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [campaignId, unit.id, unit.path, p.idNumber, p.name, p.sex, p.birthDate, p.phone, p.status],
    );
    ids.push(row.id);
  }
  return ids;
}
