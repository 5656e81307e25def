import { businessDate, loadWorkingCalendar } from '#core';
import { OrgReader } from '#org';
import { EntityManager } from 'typeorm';
import type { DutyCadence, DutyCode } from '../duties/duty-catalogue';
import { currentDue } from '../duties/duty-due';
import { DutyRepository } from '../duties/duty.repository';
import { AllocationRepository } from '../repositories/allocation.repository';
import { CampaignRepository } from '../repositories/campaign.repository';
import { DeadlineEventRepository } from '../repositories/deadline-event.repository';
import { IndicatorRepository } from '../repositories/indicator.repository';
import { TaskRepository } from '../repositories/task.repository';
import { planDeadlineEvents } from '../rules/deadline-events';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';

const org = new OrgReader();
const campaigns = new CampaignRepository();
// the demo tree's city (code YB) and its campaign people, as demo-org seeds them
const DEMO_CITY = 'YB';
const DEMO_CAMPAIGN_USERS = ['leader', 'deputy', 'member', 'office'];
const indicators = new IndicatorRepository();
const allocations = new AllocationRepository();
const tasks = new TaskRepository();
const events = new DeadlineEventRepository();
const duties = new DutyRepository();

// Member departments' duties (seed 003 annex 2) by department code, as the office would give them.
const DEMO_DUTIES: [string, DutyCode, DutyCadence, number][] = [
  ['DEP-TAX', 'taxed_uninsured', 'monthly', 10],
  ['DEP-PSB', 'population', 'quarterly', 31],
  ['DEP-CIVIL', 'low_income', 'monthly', 5],
  ['DEP-CIVIL', 'deaths', 'monthly', 5],
  ['DEP-AMR', 'new_businesses', 'monthly', 15],
  ['DEP-NR', 'land_farmers', 'quarterly', 31],
];

/** Splits a whole number over n shares exactly: the first (total mod n) shares get one more. */
export function splitEvenly(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total % n ? 1 : 0));
}

// Modelled on the seeds: seed 003's annex 1 (new employee-pension enrolees split over districts, a 98.5 % medical
// coverage rate copied to every district), seed 001's phases and seed 000's quarterly milestones.
const INDICATORS = [
  { code: 'EP-NEW', name: '企业职工基本养老保险新增参保人数', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 8000 },
  { code: 'RP-RENEW', name: '城乡居民基本养老保险续缴人数', unit: 'person', kind: 'count', insuranceType: 'resident_pension', target: 30000 },
  {
    code: 'MED-COV',
    name: '基本医疗保险参保率',
    unit: 'percent',
    kind: 'ratio',
    insuranceType: 'medical',
    target: 98.5,
    numeratorLabel: '参保人数',
    denominatorLabel: '户籍人口',
  },
] as const;

/**
 * The demo's active campaign at the city, cascaded and approved city → districts → towns → villages, with one task
 * per unit and indicator (deadlines: districts 31 Dec, towns 30 Nov, villages 31 Oct) and their deadline events,
 * and six member departments' duties (税务, 公安, 民政 ×2, 市场监管, 自然资源) from the seeding day.
 */
export async function seedDemoCampaign(m: EntityManager): Promise<void> {
  const [city] = await org.unitsByCode(m, [DEMO_CITY]);
  if (!city) return;
  const users: Record<string, number> = {};
  for (const username of DEMO_CAMPAIGN_USERS) {
    const id = await org.userIdByUsername(m, username);
    if (id !== undefined) users[username] = id;
  }
  // The seed has no injected clock; events already past at seeding time are simply not planned.
  const seededAt = new Date();
  const campaignId = await campaigns.insertDemo(m, city.id, JSON.stringify(DEFAULT_CAMPAIGN_SETTINGS), users.office ?? null);
  const phases: [string, string, string][] = [
    ['动员部署', '2026-01-01', '2026-03-15'],
    ['集中攻坚', '2026-03-16', '2026-09-30'],
    ['巩固提升', '2026-10-01', '2026-12-31'],
  ];
  for (const [i, [name, startsOn, endsOn]] of phases.entries()) await campaigns.insertPhase(m, campaignId, { name, startsOn, endsOn, ordinal: i + 1 });
  const milestones: [string, number][] = [
    ['2026-03-31', 25],
    ['2026-06-30', 50],
    ['2026-09-30', 75],
    ['2026-12-31', 100],
  ];
  for (const [d, p] of milestones) await campaigns.insertMilestone(m, campaignId, d, p);
  const members: [string, 'leadership' | 'office', 'head' | 'deputy' | 'member' | 'director', string][] = [
    ['leader', 'leadership', 'head', '市长、领导小组组长'],
    ['deputy', 'leadership', 'deputy', '副市长、领导小组副组长'],
    ['member', 'leadership', 'member', '市人社局局长'],
    ['office', 'office', 'director', '办公室主任'],
  ];
  for (const [u, body, role, title] of members) if (users[u]) await campaigns.insertMember(m, campaignId, { userId: users[u], body, role, title });

  const taskIds: number[] = [];
  const addTask = async (
    indicatorId: number,
    unitId: number,
    parentTaskId: number | null,
    target: number,
    deadline: string,
    allocationId: number | null,
    lineId: number | null,
  ) => {
    const id = await tasks.insertDemo(m, { campaignId, indicatorId, unitId, parentTaskId, target, deadline, allocationId, lineId });
    taskIds.push(id);
    return id;
  };
  /** One approved allocation (created, submitted by the office, approved by the head) and the children's tasks. */
  const cascade = async (
    indicatorId: number,
    ratio: boolean,
    parentTaskId: number,
    unitId: number,
    target: number,
    childDeadline: string,
    depth: number,
  ): Promise<void> => {
    const children = await org.childUnitIds(m, unitId);
    if (!children.length || depth === 0) return;
    const shares = ratio ? children.map(() => target) : splitEvenly(target, children.length);
    const allocationId = await allocations.insertDemoApproved(m, {
      campaignId,
      indicatorId,
      parentTaskId,
      allocatingUnitId: unitId,
      office: users.office ?? null,
      leader: users.leader ?? null,
    });
    for (const [action, who, comment] of [
      ['create', users.office, null],
      ['submit', users.office, null],
      ['approve', users.leader, '同意'],
    ] as const)
      await allocations.insertDemoStep(m, allocationId, action, who ?? null, comment);
    for (const [i, child] of children.entries()) {
      const lineId = await allocations.insertDemoLine(m, allocationId, child, shares[i], childDeadline);
      const childTask = await addTask(indicatorId, child, parentTaskId, shares[i], childDeadline, allocationId, lineId);
      const next = childDeadline === '2026-12-31' ? '2026-11-30' : '2026-10-31';
      await cascade(indicatorId, ratio, childTask, child, shares[i], next, depth - 1);
    }
  };
  for (const ind of INDICATORS) {
    const indicatorId = await indicators.insert(m, campaignId, {
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      kind: ind.kind,
      insuranceType: ind.insuranceType,
      numeratorLabel: 'numeratorLabel' in ind ? ind.numeratorLabel : null,
      denominatorLabel: 'denominatorLabel' in ind ? ind.denominatorLabel : null,
      topTarget: ind.target,
    });
    const top = await addTask(indicatorId, city.id, null, ind.target, '2026-12-31', null, null);
    await cascade(indicatorId, ind.kind === 'ratio', top, city.id, ind.target, '2026-12-31', 3);
  }
  // the shipped calendar (config/working-calendar.json): the demo is development data
  const calendar = loadWorkingCalendar();
  // Deadline events, as DeadlinesService.schedule plans them; the worker's reconciler acts on them when due.
  const ms = milestones.map(([d]) => d);
  for (const t of await tasks.deadlines(m, taskIds))
    for (const e of planDeadlineEvents(
      t.deadline,
      1,
      ms,
      DEFAULT_CAMPAIGN_SETTINGS.deadlines.reminderOffsetsDays,
      seededAt,
      DEFAULT_CAMPAIGN_SETTINGS.notices.reminderTime,
      calendar,
    ))
      await events.insertDemo(m, t.id, e);

  // The departments' duties from today, with their reminders and overdue event as DutiesService plans them.
  const since = businessDate(seededAt);
  const units = new Map((await org.unitsByCode(m, [...new Set(DEMO_DUTIES.map(([code]) => code))])).map((u) => [u.code, u.id]));
  for (const [unitCode, code, cadence, dueDay] of DEMO_DUTIES) {
    const orgUnitId = units.get(unitCode);
    if (orgUnitId === undefined) continue;
    const dutyId = await duties.insert(m, { campaignId, orgUnitId, code, cadence, dueDay, dueOn: null, since, note: null, by: users.office ?? null });
    const due = currentDue({ cadence, dueDay, dueOn: null }, since, null)!;
    for (const e of planDeadlineEvents(
      due,
      1,
      [],
      DEFAULT_CAMPAIGN_SETTINGS.deadlines.reminderOffsetsDays,
      seededAt,
      DEFAULT_CAMPAIGN_SETTINGS.notices.reminderTime,
      calendar,
    ))
      await duties.upsertEvent(m, dutyId!, e);
  }
}
