import { CampaignReader } from '#campaigns';
import { OrgReader } from '#org';
import { EntityManager } from 'typeorm';
import { AssignmentRepository } from '../repositories/assignment.repository';
import { EntryRepository } from '../repositories/entry.repository';
import { VisitRepository } from '../repositories/visit.repository';
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
  const entries = new EntryRepository(m.connection);
  await entries.insertDemoPeople(m, campaign.id, people);
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
  await entries.insertDemoEmployers(m, campaign.id, employers);

  // Each village's entries spread evenly over its cadres, with history.
  const assignments = new AssignmentRepository(m.connection);
  for (const kind of ['person', 'employer'] as const) await assignments.assignDemoEvenly(m, kind, campaign.id);

  // Visits: about two thirds of the people and half of the employers, every outcome that fits the kind represented.
  const visits = new VisitRepository(m.connection);
  for (const [kind, every, outcomes] of [
    ['person', 3, PERSON_OUTCOMES],
    ['employer', 2, EMPLOYER_OUTCOMES],
  ] as const) {
    await visits.insertDemoVisits(m, kind, campaign.id, every, outcomes);
  }
}

/**
 * Demo: the two largest not-enrolled employers of each district of the campaign refuse three times, the last
 * visit on `lastOn` (YYYY-MM-DD) and the others 12 and 20 days before, and their counters follow.
 */
export async function seedDemoRefusals(m: EntityManager, campaignId: number, lastOn: string): Promise<void> {
  const entries = new EntryRepository(m.connection);
  const visits = new VisitRepository(m.connection);
  const refusing = await entries.demoRefusingEmployers(m, campaignId);
  for (const e of refusing) {
    for (const [i, days] of [20, 12, 0].entries()) {
      await visits.insertDemoRefusal(m, e.id, lastOn, days, `第${i + 1}次上门动员，负责人拒绝为职工参保`);
    }
    await entries.recountDemoRefusal(m, e.id);
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
  const entries = new EntryRepository(m.connection);
  const ids: string[] = [];
  for (const p of people) ids.push(await entries.upsertDemoLapsed(m, campaignId, unit, p));
  return ids;
}
