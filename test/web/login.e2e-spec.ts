import { Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, fillLogin, loginAs, startConsoleServer } from './helpers/console-server';

/** The console in a real browser against the real API and worker on the demo city: logins, sessions, each role's home. */
describe('console: login and the role shell (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    // each test starts logged out
    await page.goto(`${server.url}/login`);
    await page.evaluate('localStorage.clear()');
  });

  it('serves the console with its own CSP; the API keeps its strict one', async () => {
    const home = await server.api.http().get('/campaigns?page=2');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<div id="root">');
    expect(home.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = home.text.match(/\/assets\/[^"]+\.js/)![0];
    const js = await server.api.http().get(asset);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await server.api.http().get('/assets/missing.js')).status).toBe(404);
    const apiAnswer = await server.api.http().get('/api/auth/me');
    expect(apiAnswer.status).toBe(401);
    expect(apiAnswer.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await server.api.http().get('/api/nope')).body.statusCode).toBe(404);
  });

  it('shows the API message for a wrong password', async () => {
    await fillLogin(page, 'office', 'Wrong-pass-1');
    // the console shows the Chinese alone, without the API's English gloss
    await textMatching(page.getByRole('alert'), /^用户名或密码错误$/);
    expect(page.url()).toBe(`${server.url}/login`);
  });

  it('shows the lockout message, as the API words it, after five failures', async () => {
    for (let i = 1; i <= 5; i++) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await fillLogin(page, 'member', `Wrong-pass-${i}`);
      const res = await answer;
      if (i < 5) expect(res.status()).toBe(401);
      else {
        expect(res.status()).toBe(429);
        const { message } = await res.json();
        expect(message).toMatch(/^密码连续错误 5 次，账户已锁定 15 分钟，请于 \d\d:\d\d 后再试/);
        await textMatching(page.getByRole('alert'), new RegExp(`^${message.replace('（account locked）', '')}$`));
      }
    }
    // the right password is refused while locked
    await fillLogin(page, 'member');
    await visible(page.getByRole('alert').getByText(/账户已锁定/));
  });

  it('makes a user with an initial password change it, with the errors next to the field, then shows home', async () => {
    await server.api.ds.query(`UPDATE app_user SET must_change_password = true WHERE username = 'cadre2'`);
    await fillLogin(page, 'cadre2');
    await visible(page.getByText('首次登录，请修改密码'));
    await visible(page.getByText('不能包含用户名')); // the policy is shown
    // a route behind the change sends back to it
    await page.goto(`${server.url}/campaigns`);
    await visible(page.getByText('首次登录，请修改密码'));

    await page.getByLabel('当前密码').fill('Demo@2026');
    await page.getByLabel('新密码', { exact: true }).fill('Short1!');
    await page.getByLabel('确认新密码').fill('Short1!');
    await page.getByRole('button', { name: '修改密码' }).click();
    // the API's field error, under the new-password field
    const field = page.locator('.ant-form-item').filter({ has: page.getByLabel('新密码', { exact: true }) });
    await visible(field.getByText('密码至少需要 10 个字符（现为 7 个）'));

    await page.getByLabel('当前密码').fill('Wrong@20261');
    await page.getByLabel('新密码', { exact: true }).fill('Songshan-2026');
    await page.getByLabel('确认新密码').fill('Songshan-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    const current = page.locator('.ant-form-item').filter({ has: page.getByLabel('当前密码') });
    await visible(current.getByText('当前密码不正确'));

    await page.getByLabel('当前密码').fill('Demo@2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    // back where the user was going before the change
    await page.waitForURL(`${server.url}/campaigns`);
    await visible(page.getByRole('cell', { name: '2026-12-31' }));
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await visible(page.getByTestId('home-field')); // a cadre's home is their list (/field)
    const [{ must_change_password }] = await server.api.ds.query(`SELECT must_change_password FROM app_user WHERE username = 'cadre2'`);
    expect(must_change_password).toBe(false);
  });

  it('logs out: the session ends and screens ask for the login again', async () => {
    await loginAs(page, server.url, 'office');
    await textMatching(page.getByTestId('user-menu'), /^王芳$/); // the header names the person, not the login
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await visible(page.getByRole('button', { name: /登\s*录/ }));
    await page.goto(`${server.url}/campaigns`);
    await visible(page.getByRole('button', { name: /登\s*录/ }));
    expect(page.url()).toBe(`${server.url}/login?from=%2Fcampaigns`);
    const [{ live }] = await server.api.ds.query(
      `SELECT count(*)::int AS live FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'office' AND s.revoked_at IS NULL`,
    );
    expect(live).toBe(0);
  });

  it('sends an expired session to the login page saying so, and back to the screen after logging in', async () => {
    await loginAs(page, server.url, 'dh_manager');
    // the unit home's figures load after its task list: let them, before the session ends
    await visible(page.getByTestId('my-tasks').locator('.ant-progress').first());
    await page.waitForLoadState('networkidle');
    await server.api.ds.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = (SELECT id FROM app_user WHERE username = 'dh_manager')`);
    // the next screen's first call to the API finds the session ended (a click then a reload raced the answer with the unload)
    await page.goto(`${server.url}/progress`);
    await visible(page.getByRole('alert').getByText('登录已过期，请重新登录'));
    await fillLogin(page, 'dh_manager');
    await page.waitForURL(`${server.url}/progress`);
  });

  it('keeps the screen and its filters in the URL', async () => {
    await loginAs(page, server.url, 'office');
    await page.getByRole('menuitem', { name: '扩面任务' }).click();
    await visible(page.getByRole('cell', { name: /2026/ }).first());
    await page.goto(`${server.url}/campaigns?status=closed`);
    await visible(page.getByText('没有该状态的任务'));
    await visible(page.getByText('换一个状态筛选，或清除筛选查看全部任务'));
  });

  const HOMES: [user: string, group: string][] = [
    ['leader', 'leader'],
    ['office', 'office'],
    ['dh_manager', 'unit'],
    ['dh01001_manager', 'unit'],
    ['cadre', 'field'],
    ['tax', 'department'],
    ['inspection_manager', 'unit'],
    ['inspector', 'inspector'],
  ];

  it("shows each demo role's home page with its menu, unit and campaigns (screenshots in test-output/screenshots)", async () => {
    for (const [user, group] of HOMES) {
      await page.evaluate('localStorage.clear()');
      await loginAs(page, server.url, user);
      await visible(page.getByTestId(`home-${group}`));
      await textMatching(page.getByTestId('unit-name'), /\S/);
      // the demo campaign; the inspector's home is the checklist of their cases, a cadre's their list of people to visit
      await visible(
        group === 'inspector'
          ? page.locator('[data-testid^="checklist-case-"]').first()
          : group === 'field'
            ? page.getByTestId('entry-item').first()
            : page.locator('.ant-table-row').first(),
      );
      await screenshot(page, `home-${user}`);
      await page.goto(`${server.url}/login`);
    }
  }, 120_000); // nine logins, each home with its lists

  it('works on a phone: the menu is a drawer', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/login`);
    await screenshot(phone, 'phone-login');
    await fillLogin(phone, 'cadre');
    await visible(phone.getByTestId('home-field'));
    await visible(phone.getByTestId('entry-item'));
    await screenshot(phone, 'phone-home-cadre');
    await phone.getByRole('button', { name: '菜单' }).click();
    await visible(phone.getByRole('menuitem', { name: '我的名册' }));
    await screenshot(phone, 'phone-menu-cadre');
    await phone.close();
  });
});
