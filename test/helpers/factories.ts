import { hashPassword } from '#org';
import { DataSource } from 'typeorm';
import { TEST_PASSWORD } from './api-client';

let passwordHash: string | undefined;

/** Inserts an org unit under a parent (by code) and returns its id and path. */
export async function makeUnit(ds: DataSource, code: string, level: string, parentCode?: string, name = `单位${code}`): Promise<{ id: number; path: string }> {
  const [row] = await ds.query(
    `WITH p AS (SELECT id, path, depth FROM org_unit WHERE code = $4), n AS (SELECT nextval('org_unit_id_seq')::int AS id)
     INSERT INTO org_unit (id, code, name, level, parent_id, path, depth)
     SELECT n.id, $1, $2, $3, p.id, coalesce(p.path, '/') || n.id || '/', coalesce(p.depth + 1, 0)
       FROM n LEFT JOIN p ON true
     RETURNING id, path`,
    [code, name, level, parentCode ?? null],
  );
  return row;
}

/** Inserts a user with the test password, set directly (no policy, no forced change); cost 4 keeps logins in tests fast. */
export async function makeUser(
  ds: DataSource,
  username: string,
  unitCode: string,
  roles: string[],
  extra: { phone?: string; displayName?: string } = {},
): Promise<number> {
  passwordHash ??= await hashPassword(TEST_PASSWORD, 4);
  const [row] = await ds.query(
    `INSERT INTO app_user (username, display_name, phone, org_unit_id, roles, password_hash)
     SELECT $1, $2, $3, id, $4, $5 FROM org_unit WHERE code = $6 RETURNING id`,
    [username, extra.displayName ?? username, extra.phone ?? null, roles, passwordHash, unitCode],
  );
  if (!row) throw new Error(`no unit ${unitCode}`);
  return row.id;
}

/**
 * A small city: C1 → D1 (T1 → V1, V2), D2 (T2 → V3), and agency A1 under C1.
 * Users: admin (C1), office (C1), d1mgr (D1), t1mgr (T1), v1mgr (V1), v1cadre (V1), v2mgr (V2).
 */
export async function makeSmallCity(ds: DataSource): Promise<void> {
  await makeUnit(ds, 'C1', 'city');
  await makeUnit(ds, 'D1', 'district', 'C1');
  await makeUnit(ds, 'D2', 'district', 'C1');
  await makeUnit(ds, 'T1', 'town', 'D1');
  await makeUnit(ds, 'T2', 'town', 'D2');
  await makeUnit(ds, 'V1', 'village', 'T1');
  await makeUnit(ds, 'V2', 'village', 'T1');
  await makeUnit(ds, 'V3', 'village', 'T2');
  await makeUnit(ds, 'A1', 'agency', 'C1');
  await makeUser(ds, 'admin', 'C1', ['admin']);
  await makeUser(ds, 'office', 'C1', ['office']);
  await makeUser(ds, 'd1mgr', 'D1', ['unit_manager']);
  await makeUser(ds, 't1mgr', 'T1', ['unit_manager']);
  await makeUser(ds, 'v1mgr', 'V1', ['unit_manager']);
  await makeUser(ds, 'v1cadre', 'V1', ['cadre'], { phone: '13800138000' });
  await makeUser(ds, 'v2mgr', 'V2', ['unit_manager']);
}

export async function unitId(ds: DataSource, code: string): Promise<number> {
  const [row] = await ds.query('SELECT id FROM org_unit WHERE code = $1', [code]);
  return row.id;
}

export interface IndicatorSpec {
  code: string;
  name: string;
  /** Default 'count'; the unit follows the kind (person, yuan, percent). */
  kind?: 'count' | 'amount' | 'ratio';
  insuranceType?: string;
  /** Default 'reports'; a ratio may read its figures from the land or hardship records (issue 16). */
  source?: string;
}

/** A task tree: { unit: code, target, children }; a node's deadline defaults to its parent's. */
export interface TaskSpec {
  unit: string;
  target: number;
  deadline?: string;
  children?: TaskSpec[];
}

export interface CampaignSpec {
  /** Code of the unit that runs it; default C1. */
  owner?: string;
  name?: string;
  startsOn?: string;
  endsOn?: string;
  status?: 'draft' | 'active' | 'closed';
  settings?: object;
  /** [due date, cumulative percent]; none unless given. */
  milestones?: readonly (readonly [string, number])[];
  indicators?: IndicatorSpec[];
  /** Task trees by indicator code; deadlines default to `deadline`, else the campaign's end. */
  tasks?: Record<string, TaskSpec>;
  deadline?: string;
}

/** Quarterly cumulative milestones of 2026 (25/50/75/100 %). */
export const QUARTERLY_2026 = [
  ['2026-03-31', 25],
  ['2026-06-30', 50],
  ['2026-09-30', 75],
  ['2026-12-31', 100],
] as const;

export interface MadeCampaign {
  campaignId: number;
  indicatorIds: Record<string, number>;
  /** Task ids by indicator code, then by unit code. */
  taskIds: Record<string, Record<string, number>>;
}

/**
 * Inserts a campaign as the API leaves it once running (default: active 2026 campaign of C1), with its
 * milestones, indicators and task trees, for suites that need shapes the API would not make (past
 * deadlines, a campaign of a district, tasks without an approved split).
 */
export async function makeCampaign(ds: DataSource, spec: CampaignSpec = {}): Promise<MadeCampaign> {
  const endsOn = spec.endsOn ?? '2026-12-31';
  const [c] = await ds.query(`INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status, settings) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
    await unitId(ds, spec.owner ?? 'C1'),
    spec.name ?? '2026年扩面征缴',
    spec.startsOn ?? '2026-01-01',
    endsOn,
    spec.status ?? 'active',
    JSON.stringify(spec.settings ?? {}),
  ]);
  for (const [due, pct] of spec.milestones ?? []) {
    await ds.query(`INSERT INTO campaign_milestone (campaign_id, due_on, percent) VALUES ($1, $2, $3)`, [c.id, due, pct]);
  }
  const indicatorIds: Record<string, number> = {};
  for (const i of spec.indicators ?? []) {
    const kind = i.kind ?? 'count';
    const [row] = await ds.query(
      `INSERT INTO indicator (campaign_id, code, name, unit, kind, insurance_type, source) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        c.id,
        i.code,
        i.name,
        kind === 'ratio' ? 'percent' : kind === 'amount' ? 'yuan' : 'person',
        kind,
        i.insuranceType ?? 'employee_pension',
        i.source ?? 'reports',
      ],
    );
    indicatorIds[i.code] = row.id;
  }
  const taskIds: Record<string, Record<string, number>> = {};
  for (const [code, tree] of Object.entries(spec.tasks ?? {})) {
    if (!indicatorIds[code]) throw new Error(`tasks for indicator ${code}, which the campaign does not have`);
    taskIds[code] = await makeTasks(ds, c.id, indicatorIds[code], tree, spec.deadline ?? endsOn);
  }
  return { campaignId: c.id, indicatorIds, taskIds };
}

/** Inserts a task tree under `parent` (none: top tasks); returns task ids by unit code (into `out`). */
export async function makeTasks(
  ds: DataSource,
  campaignId: number,
  indicatorId: number,
  spec: TaskSpec,
  deadline = '2026-12-31',
  parent: number | null = null,
  out: Record<string, number> = {},
): Promise<Record<string, number>> {
  const due = spec.deadline ?? deadline;
  const [row] = await ds.query(
    `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [campaignId, indicatorId, await unitId(ds, spec.unit), parent, spec.target, due],
  );
  out[spec.unit] = row.id;
  for (const ch of spec.children ?? []) await makeTasks(ds, campaignId, indicatorId, ch, due, row.id, out);
  return out;
}
