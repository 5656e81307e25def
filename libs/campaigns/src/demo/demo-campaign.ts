import { EntityManager } from 'typeorm';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';
import { planDeadlineEvents } from '../rules/deadline-events';

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
 * per unit and indicator (deadlines: districts 31 Dec, towns 30 Nov, villages 31 Oct) and their deadline events.
 */
export async function seedDemoCampaign(m: EntityManager): Promise<void> {
  const [city] = await m.query(`SELECT id FROM org_unit WHERE code = 'YB'`);
  if (!city) return;
  const users: Record<string, number> = {};
  for (const r of await m.query(`SELECT id, username FROM app_user WHERE username IN ('leader','deputy','member','office')`)) users[r.username] = r.id;
  // The seed has no injected clock; events already past at seeding time are simply not planned.
  const seededAt = new Date();
  const [c] = await m.query(
    `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status, settings, office_name, created_by)
     VALUES ($1, '2026年社会保险扩面征缴专项行动', '2026-01-01', '2026-12-31', 'active', $2, '云帆市社会保险扩面征缴工作领导小组办公室', $3) RETURNING id`,
    [city.id, JSON.stringify(DEFAULT_CAMPAIGN_SETTINGS), users.office ?? null],
  );
  const phases: [string, string, string][] = [
    ['动员部署', '2026-01-01', '2026-03-15'],
    ['集中攻坚', '2026-03-16', '2026-09-30'],
    ['巩固提升', '2026-10-01', '2026-12-31'],
  ];
  for (const [i, [name, s, e]] of phases.entries())
    await m.query(`INSERT INTO campaign_phase (campaign_id, name, starts_on, ends_on, ordinal) VALUES ($1, $2, $3, $4, $5)`, [c.id, name, s, e, i + 1]);
  const milestones: [string, number][] = [
    ['2026-03-31', 25],
    ['2026-06-30', 50],
    ['2026-09-30', 75],
    ['2026-12-31', 100],
  ];
  for (const [d, p] of milestones) await m.query(`INSERT INTO campaign_milestone (campaign_id, due_on, percent) VALUES ($1, $2, $3)`, [c.id, d, p]);
  const members: [string, string, string, string][] = [
    ['leader', 'leadership', 'head', '市长、领导小组组长'],
    ['deputy', 'leadership', 'deputy', '副市长、领导小组副组长'],
    ['member', 'leadership', 'member', '市人社局局长'],
    ['office', 'office', 'director', '办公室主任'],
  ];
  for (const [u, body, role, title] of members)
    if (users[u])
      await m.query(`INSERT INTO campaign_member (campaign_id, user_id, body, role, title) VALUES ($1, $2, $3, $4, $5)`, [c.id, users[u], body, role, title]);

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
    const [t] = await m.query(
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline, allocation_id, allocation_line_id, allocation_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [c.id, indicatorId, unitId, parentTaskId, target, deadline, allocationId, lineId, allocationId ? 1 : null],
    );
    taskIds.push(t.id);
    return t.id as number;
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
    const children: { id: number }[] = await m.query(`SELECT id FROM org_unit WHERE parent_id = $1 AND level <> 'agency' ORDER BY path`, [unitId]);
    if (!children.length || depth === 0) return;
    const shares = ratio ? children.map(() => target) : splitEvenly(target, children.length);
    const [a] = await m.query(
      `INSERT INTO allocation (campaign_id, indicator_id, parent_task_id, allocating_unit_id, version, status, created_by, submitted_by, submitted_at, decided_by, decided_at, decision_comment)
       VALUES ($1, $2, $3, $4, 1, 'approved', $5, $5, now(), $6, now(), '同意') RETURNING id`,
      [c.id, indicatorId, parentTaskId, unitId, users.office ?? null, users.leader ?? null],
    );
    for (const [action, who, comment] of [
      ['create', users.office, null],
      ['submit', users.office, null],
      ['approve', users.leader, '同意'],
    ] as const)
      await m.query(`INSERT INTO allocation_step (allocation_id, action, actor_id, at, comment) VALUES ($1, $2, $3, now(), $4)`, [
        a.id,
        action,
        who ?? null,
        comment,
      ]);
    for (const [i, ch] of children.entries()) {
      const [l] = await m.query(`INSERT INTO allocation_line (allocation_id, child_unit_id, target, deadline) VALUES ($1, $2, $3, $4) RETURNING id`, [
        a.id,
        ch.id,
        shares[i],
        childDeadline,
      ]);
      const childTask = await addTask(indicatorId, ch.id, parentTaskId, shares[i], childDeadline, a.id, l.id);
      const next = childDeadline === '2026-12-31' ? '2026-11-30' : '2026-10-31';
      await cascade(indicatorId, ratio, childTask, ch.id, shares[i], next, depth - 1);
    }
  };
  for (const ind of INDICATORS) {
    const [i] = await m.query(
      `INSERT INTO indicator (campaign_id, code, name, unit, kind, insurance_type, numerator_label, denominator_label, top_target)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        c.id,
        ind.code,
        ind.name,
        ind.unit,
        ind.kind,
        ind.insuranceType,
        'numeratorLabel' in ind ? ind.numeratorLabel : null,
        'denominatorLabel' in ind ? ind.denominatorLabel : null,
        ind.target,
      ],
    );
    const top = await addTask(i.id, city.id, null, ind.target, '2026-12-31', null, null);
    await cascade(i.id, ind.kind === 'ratio', top, city.id, ind.target, '2026-12-31', 3);
  }
  // Deadline events, as DeadlinesService.schedule plans them; the worker's reconciler acts on them when due.
  const tasks: { id: number; deadline: string }[] = await m.query(
    `SELECT id, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM task WHERE id = ANY($1::int[])`,
    [taskIds],
  );
  const ms = milestones.map(([d]) => d);
  for (const t of tasks)
    for (const e of planDeadlineEvents(
      t.deadline,
      1,
      ms,
      DEFAULT_CAMPAIGN_SETTINGS.deadlines.reminderOffsetsDays,
      seededAt,
      DEFAULT_CAMPAIGN_SETTINGS.notices.reminderTime,
    ))
      await m.query(
        `INSERT INTO task_deadline_event (task_id, kind, key, target_date, offset_days, due_at, deadline_version) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
        [t.id, e.kind, e.key, e.targetDate, e.offsetDays, e.dueAt],
      );
}
