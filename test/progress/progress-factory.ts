import { DataSource } from 'typeorm';
import { unitId } from '../helpers/factories';

/** A campaign of unit `ownerCode` with quarterly cumulative milestones (25/50/75/100 %) and the given indicators. */
export async function makeCampaign(
  ds: DataSource,
  ownerCode: string,
  indicators: { code: string; name: string; kind: 'count' | 'amount' | 'ratio' }[],
  opts: { startsOn?: string; endsOn?: string; settings?: object } = {},
): Promise<{ campaignId: number; indicatorIds: Record<string, number> }> {
  const owner = await unitId(ds, ownerCode);
  const [c] = await ds.query(
    `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status, settings) VALUES ($1, '2026年扩面征缴', $2, $3, 'active', $4) RETURNING id`,
    [owner, opts.startsOn ?? '2026-01-01', opts.endsOn ?? '2026-12-31', JSON.stringify(opts.settings ?? {})],
  );
  for (const [due, pct] of [
    ['2026-03-31', 25],
    ['2026-06-30', 50],
    ['2026-09-30', 75],
    ['2026-12-31', 100],
  ] as const) {
    await ds.query(`INSERT INTO campaign_milestone (campaign_id, due_on, percent) VALUES ($1, $2, $3)`, [c.id, due, pct]);
  }
  const indicatorIds: Record<string, number> = {};
  for (const i of indicators) {
    const [row] = await ds.query(
      `INSERT INTO indicator (campaign_id, code, name, unit, kind, insurance_type) VALUES ($1, $2, $3, $4, $5, 'employee_pension') RETURNING id`,
      [c.id, i.code, i.name, i.kind === 'ratio' ? 'percent' : i.kind === 'amount' ? 'yuan' : 'person', i.kind],
    );
    indicatorIds[i.code] = row.id;
  }
  return { campaignId: c.id, indicatorIds };
}

/** Inserts a task tree given as { unitCode: target, children: [...] }; returns task ids by unit code. */
export interface TaskSpec {
  unit: string;
  target: number;
  children?: TaskSpec[];
}
/** The small city's count split used across the progress suites: C1 total -> D1 60 % (T1 60 % -> V1 30 %, V2 30 %), D2 40 % (T2 40 %). */
export function countSplit(total: number): TaskSpec {
  const share = (pct: number) => (total * pct) / 100;
  return {
    unit: 'C1',
    target: total,
    children: [
      {
        unit: 'D1',
        target: share(60),
        children: [
          {
            unit: 'T1',
            target: share(60),
            children: [
              { unit: 'V1', target: share(30) },
              { unit: 'V2', target: share(30) },
            ],
          },
        ],
      },
      { unit: 'D2', target: share(40), children: [{ unit: 'T2', target: share(40) }] },
    ],
  };
}

/** A ratio target copied down the same tree (ratios are not split). */
export function ratioSplit(target: number): TaskSpec {
  const copy = (spec: TaskSpec): TaskSpec => ({ unit: spec.unit, target, ...(spec.children ? { children: spec.children.map(copy) } : {}) });
  return copy(countSplit(100));
}

export async function makeTasks(
  ds: DataSource,
  campaignId: number,
  indicatorId: number,
  spec: TaskSpec,
  deadline = '2026-12-31',
  parent: number | null = null,
  out: Record<string, number> = {},
): Promise<Record<string, number>> {
  const [row] = await ds.query(
    `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [campaignId, indicatorId, await unitId(ds, spec.unit), parent, spec.target, deadline],
  );
  out[spec.unit] = row.id;
  for (const ch of spec.children ?? []) await makeTasks(ds, campaignId, indicatorId, ch, deadline, row.id, out);
  return out;
}
