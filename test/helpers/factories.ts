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
