import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { loginResponse } from '../helpers/api-client';
import { makeSmallCity, unitId } from '../helpers/factories';
import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

const MIN = 60_000;
const GOOD = 'Linjiang-2026x';

async function auditRows(ds: DataSource, entityId: string, action: string): Promise<{ ip: string | null; changes: unknown }[]> {
  return ds.query(`SELECT ip, changes FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`, [entityId, action]);
}

describe('logins (MLPS level 3)', () => {
  let env: TestEnv;
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    env = await createTestEnv({ BCRYPT_COST: '4' });
    api = await startApi(env);
    await makeSmallCity(api.ds);
    admin = await api.login('admin');
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });
  const login = (username: string, password?: string) => loginResponse(api.http, username, password);
  const createUser = async (username: string, password = GOOD, roles = ['cadre'], extra: Record<string, unknown> = {}) =>
    api
      .as(admin)
      .post('/api/users')
      .send({ username, displayName: username, orgUnitId: await unitId(api.ds, 'V1'), roles, password, ...extra });

  it.each([
    ['too short', 'Ab1-xyz'],
    ['two classes only', 'abcdefgh12345'],
    ['contains the username', 'Xweakuser-2026'],
    ['a common password', 'Password123!'],
  ])('refuses a weak password (%s) naming the field', async (_why, password) => {
    const res = await createUser('weakuser', password);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^password: /);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'weakuser'`);
    expect(n).toBe(0);
  });

  it('makes an admin-created user change the password before anything else', async () => {
    expect((await createUser('fresh1')).status).toBe(201);
    const first = await login('fresh1', GOOD);
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    const t = first.body.accessToken;
    expect((await api.as(t).get('/api/org-units')).status).toBe(403);
    expect((await api.as(t).get('/api/auth/me')).status).toBe(200);
    expect((await api.as(t).get('/api/roles')).status).toBe(200); // the console names the caller's roles on every screen
    const weak = await api.as(t).post('/api/auth/password').send({ currentPassword: GOOD, newPassword: 'short1A' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^newPassword: /);
    const changed = await api.as(t).post('/api/auth/password').send({ currentPassword: GOOD, newPassword: 'Qiantang#River9' });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await api.as(changed.body.accessToken).get('/api/org-units')).status).toBe(200);
    const again = await login('fresh1', 'Qiantang#River9');
    expect(again.body.mustChangePassword).toBe(false);
    const [{ id }] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'fresh1'`);
    const [{ changes }] = await auditRows(api.ds, String(id), 'password-change');
    expect(changes).toEqual({ passwordChanged: { before: null, after: true } });
  });

  it('names the roles in Chinese for any logged-in user, and for nobody else', async () => {
    expect((await api.http().get('/api/roles')).status).toBe(401);
    const res = await api.as(await api.login('v1cadre')).get('/api/roles');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { value: 'admin', label: '系统管理员' },
      { value: 'leader', label: '领导小组' },
      { value: 'office', label: '领导小组办公室' },
      { value: 'unit_manager', label: '单位负责人' },
      { value: 'cadre', label: '包村干部' },
      { value: 'department', label: '成员单位' },
      { value: 'inspector', label: '检查人员' },
    ]);
  });

  it('locks an account after 5 failures for 15 minutes, saying when to try again', async () => {
    for (let i = 0; i < 4; i++) expect((await login('v2mgr', 'wrong-one')).status).toBe(401);
    const fifth = await login('v2mgr', 'wrong-one');
    expect(fifth.status).toBe(429);
    expect(fifth.body.message).toMatch(/请于 .+ 后再试/);
    // Beijing time of now + 15 min: clock is 2026-03-02T02:00Z = 10:00 Beijing
    expect(fifth.body.message).toContain('10:15');
    const right = await login('v2mgr');
    expect(right.status).toBe(429);
    env.clock.advance(14 * MIN);
    expect((await login('v2mgr')).status).toBe(429);
    env.clock.advance(1 * MIN + 1000);
    expect((await login('v2mgr')).status).toBe(200);
    expect(await auditRows(api.ds, 'v2mgr', 'login-failed')).toHaveLength(5);
    const lock = await auditRows(api.ds, 'v2mgr', 'lockout');
    expect(lock).toHaveLength(1);
    expect(lock[0].ip).toBeTruthy();
  });

  it('counts failures only within 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expect((await login('t1mgr', 'wrong-one')).status).toBe(401);
    env.clock.advance(16 * MIN);
    expect((await login('t1mgr', 'wrong-one')).status).toBe(401);
    expect((await login('t1mgr')).status).toBe(200);
  });

  it('answers an unknown username like a wrong password', async () => {
    const res = await login('nobody-here', 'whatever-1A');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('用户名或密码错误（wrong username or password）');
  });

  it('locks an unknown username after 5 failures like a real one, so the answers do not tell which usernames exist', async () => {
    const statuses = async (username: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) out.push((await login(username, 'wrong-one')).status);
      return out;
    };
    // v1cadre exists, ghost-user does not: the same six answers
    expect(await statuses('ghost-user')).toEqual([401, 401, 401, 401, 429, 429]);
    expect(await statuses('v1cadre')).toEqual([401, 401, 401, 401, 429, 429]);
    const ghost = await login('ghost-user', 'wrong-one');
    expect(ghost.body.message).toMatch(/请于 .+ 后再试/);
    env.clock.advance(16 * MIN);
    expect((await login('ghost-user', 'wrong-one')).status).toBe(401);
    expect((await login('v1cadre')).status).toBe(200);
  });

  it('counts wrong current passwords in a password change as failed logins: a stolen token cannot guess on', async () => {
    expect((await createUser('guessed', GOOD, ['cadre'])).status).toBe(201);
    const first = await login('guessed', GOOD);
    const t = first.body.accessToken;
    const change = (currentPassword: string) => api.as(t).post('/api/auth/password').send({ currentPassword, newPassword: 'Qiantang#River9' });
    for (let i = 0; i < 4; i++) expect((await change(`guess-${i}-Aa`)).status).toBe(400);
    const fifth = await change('guess-4-Aa');
    expect(fifth.status).toBe(429);
    expect(fifth.body.message).toMatch(/请于 .+ 后再试/);
    // the guesser's session is over, and the right password does not help while the lock lasts
    expect((await api.as(t).get('/api/auth/me')).status).toBe(401);
    expect((await login('guessed', GOOD)).status).toBe(429);
    const failed = await auditRows(api.ds, 'guessed', 'login-failed');
    expect(failed.map((r) => (r.changes as { reason: { after: string } }).reason.after)).toEqual(Array(5).fill('wrong-current-password'));
    env.clock.advance(16 * MIN);
    expect((await login('guessed', GOOD)).status).toBe(200);
  });

  it('refuses logins and tokens of users whose unit was deactivated', async () => {
    expect((await createUser('leaving', GOOD, ['cadre'], { orgUnitId: await unitId(api.ds, 'V3') })).status).toBe(201);
    const t = (await login('leaving', GOOD)).body.accessToken;
    expect((await api.as(t).get('/api/auth/me')).status).toBe(200);
    await api.ds.query(`UPDATE org_unit SET active = false WHERE code = 'V3'`);
    try {
      expect((await api.as(t).get('/api/auth/me')).status).toBe(401);
      expect((await login('leaving', GOOD)).status).toBe(401);
    } finally {
      await api.ds.query(`UPDATE org_unit SET active = true WHERE code = 'V3'`);
    }
  });

  it('refuses to deactivate the root unit, which would lock every user out, admins included', async () => {
    const res = await api.as(admin).post(`/api/org-units/${await unitId(api.ds, 'C1')}/deactivate`);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('根单位是整个组织树，不能停用');
    expect(await api.ds.query(`SELECT count(*)::int AS n FROM org_unit WHERE NOT active`)).toEqual([{ n: 0 }]);
  });

  it('answers 401, not 400, to a well-signed token whose session id is not a UUID', async () => {
    const jwt = api.app.get(JwtService);
    const forged = await jwt.signAsync({ sub: 1, sid: 'not-a-uuid' }, { secret: env.config.jwtSecret });
    expect((await api.as(forged).get('/api/auth/me')).status).toBe(401);
  });

  it('rotates refresh tokens and ends the session when a spent one comes back', async () => {
    const first = await login('v1mgr');
    const r1 = first.body.refreshToken;
    const second = await api.http().post('/api/auth/refresh').send({ refreshToken: r1 });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(r1);
    expect((await api.as(second.body.accessToken).get('/api/auth/me')).status).toBe(200);
    const reuse = await api.http().post('/api/auth/refresh').send({ refreshToken: r1 });
    expect(reuse.status).toBe(401);
    // the reuse ended the family: the new refresh token and its access token are dead too
    expect((await api.http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken })).status).toBe(401);
    expect((await api.as(second.body.accessToken).get('/api/auth/me')).status).toBe(401);
  });

  it('ends sessions at logout', async () => {
    const a = (await login('office')).body;
    const b = (await login('office')).body;
    const out = await api.as(a.accessToken).post('/api/auth/logout');
    expect(out.status).toBe(200);
    expect((await api.as(a.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await api.as(b.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await api.http().post('/api/auth/refresh').send({ refreshToken: a.refreshToken })).status).toBe(401);
    const rows = await auditRows(api.ds, 'office', 'logout');
    expect(rows).toHaveLength(1);
    expect(rows[0].ip).toBeTruthy();
    expect((await auditRows(api.ds, 'office', 'login')).every((r) => r.ip)).toBe(true);
  });

  it('ends other sessions on a self-service password change', async () => {
    expect((await createUser('selfchg')).status).toBe(201);
    const t0 = (await login('selfchg', GOOD)).body.accessToken;
    const changed = await api.as(t0).post('/api/auth/password').send({ currentPassword: GOOD, newPassword: 'Xihu-Lake-2026' });
    expect(changed.status).toBe(200);
    const other = (await login('selfchg', 'Xihu-Lake-2026')).body.accessToken;
    const mine = (await login('selfchg', 'Xihu-Lake-2026')).body.accessToken;
    const wrong = await api.as(mine).post('/api/auth/password').send({ currentPassword: 'not-it', newPassword: 'Leifeng-Ta-88' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/^currentPassword: /);
    const next = await api.as(mine).post('/api/auth/password').send({ currentPassword: 'Xihu-Lake-2026', newPassword: 'Leifeng-Ta-88' });
    expect(next.status).toBe(200);
    expect((await api.as(other).get('/api/auth/me')).status).toBe(401);
    expect((await api.as(mine).get('/api/auth/me')).status).toBe(401);
    expect((await api.as(next.body.accessToken).get('/api/auth/me')).status).toBe(200);
    expect((await login('selfchg', 'Xihu-Lake-2026')).status).toBe(401);
    const id = String((await api.ds.query(`SELECT id FROM app_user WHERE username='selfchg'`))[0].id);
    const rows = await auditRows(api.ds, id, 'password-change');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.ip)).toBe(true);
  });

  it('ends sessions when an admin deactivates a user or changes the roles', async () => {
    const id = (await createUser('revokeme', GOOD, ['cadre'], { phone: '13912345678' })).body.id;
    const t = (await login('revokeme', GOOD)).body.accessToken;
    const t2 = (await api.as(t).post('/api/auth/password').send({ currentPassword: GOOD, newPassword: 'Gongchen-Br1dge' })).body.accessToken;
    expect((await api.as(t2).get('/api/auth/me')).status).toBe(200);
    expect(
      (
        await api
          .as(admin)
          .patch(`/api/users/${id}`)
          .send({ roles: ['unit_manager'] })
      ).status,
    ).toBe(200);
    expect((await api.as(t2).get('/api/auth/me')).status).toBe(401);
    const t3 = (await login('revokeme', 'Gongchen-Br1dge')).body.accessToken;
    expect((await api.as(t3).get('/api/auth/me')).body.roles).toEqual(['unit_manager']);
    expect((await api.as(admin).patch(`/api/users/${id}`).send({ active: false })).status).toBe(200);
    expect((await api.as(t3).get('/api/auth/me')).status).toBe(401);
    expect((await login('revokeme', 'Gongchen-Br1dge')).status).toBe(401);
  });

  it('audits only the fields that changed, and masks phones in the audit view', async () => {
    const id = (await createUser('auditme', GOOD, ['cadre'], { phone: '13912345678' })).body.id;
    expect((await api.as(admin).patch(`/api/users/${id}`).send({ displayName: 'auditme', phone: '13700001111' })).status).toBe(200);
    expect((await api.as(admin).patch(`/api/users/${id}`).send({ password: 'Baochu-Pagoda7' })).status).toBe(200);
    const view = await api.as(admin).get(`/api/audit-log?entity=user&entityId=${id}`);
    expect(view.status).toBe(200);
    const [reset, update, create] = view.body.items;
    expect(create.action).toBe('create');
    expect(create.changes.phone.after).toBe('139****5678');
    expect(update.changes).toEqual({ phone: { before: '139****5678', after: '137****1111' } });
    expect(reset.action).toBe('update+password');
    // the user never logged in, so mustChangePassword stays true: only the password shows, and no phantom nulls
    expect(reset.changes).toEqual({ passwordChanged: { before: null, after: true } });
    expect(JSON.stringify(view.body)).not.toContain('13912345678');
  });

  it('keeps the last active admin (409)', async () => {
    const [{ id }] = await api.ds.query(`SELECT id FROM app_user WHERE username = 'admin'`);
    const off = await api.as(admin).patch(`/api/users/${id}`).send({ active: false });
    expect(off.status).toBe(409);
    expect(off.body.message).toContain('最后一个');
    const demote = await api
      .as(admin)
      .patch(`/api/users/${id}`)
      .send({ roles: ['office'] });
    expect(demote.status).toBe(409);
    const [{ active, roles }] = await api.ds.query(`SELECT active, roles FROM app_user WHERE id = $1`, [id]);
    expect(active).toBe(true);
    expect(roles).toEqual(['admin']);
    expect((await api.as(admin).get('/api/auth/me')).status).toBe(200);
    // with a second admin the first may step down
    const other = (await createUser('admin2', GOOD, ['admin'])).body.id;
    expect(other).toBeGreaterThan(0);
    expect(
      (
        await api
          .as(admin)
          .patch(`/api/users/${id}`)
          .send({ roles: ['admin', 'office'] })
      ).status,
    ).toBe(200);
  });

  it('sends security headers and no-store on API answers', async () => {
    const res = await api.as(await api.login('admin')).get('/api/auth/me');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const refused = await api.http().get('/api/org-units');
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers['x-powered-by']).toBeUndefined();
  });
});

describe('idle timeout', () => {
  let env: TestEnv;
  let api: TestApi;
  beforeAll(async () => {
    env = await createTestEnv({ BCRYPT_COST: '4', SESSION_IDLE_MINUTES: '30' });
    api = await startApi(env);
    await makeSmallCity(api.ds);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('ends a session idle for more than 30 minutes, and activity keeps it going', async () => {
    const busy = (await loginResponse(api.http, 'office')).body;
    const idle = (await loginResponse(api.http, 'v1mgr')).body;
    env.clock.advance(20 * MIN);
    expect((await api.as(busy.accessToken).get('/api/auth/me')).status).toBe(200);
    env.clock.advance(11 * MIN);
    expect((await api.as(busy.accessToken).get('/api/auth/me')).status).toBe(200);
    expect((await api.as(idle.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await api.http().post('/api/auth/refresh').send({ refreshToken: idle.refreshToken })).status).toBe(401);
  });
});

describe('login throttling per client address', () => {
  let env: TestEnv;
  let api: TestApi;
  beforeAll(async () => {
    env = await createTestEnv({ BCRYPT_COST: '4', LOGIN_THROTTLE_LIMIT: '3', LOGIN_THROTTLE_WINDOW_SECONDS: '600' });
    api = await startApi(env);
    await makeSmallCity(api.ds);
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  it('answers 429 beyond the limit, whatever the account', async () => {
    const users = ['admin', 'office', 'd1mgr', 't1mgr'];
    const statuses = [];
    for (const u of users) statuses.push((await loginResponse(api.http, u)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await loginResponse(api.http, 'v1mgr');
    expect(res.status).toBe(429);
    expect(res.body.message).toContain('过于频繁');
  });
});
