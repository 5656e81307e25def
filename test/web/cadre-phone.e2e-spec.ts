import { Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, fillLogin, startConsoleServer } from './helpers/console-server';

/**
 * The demo's village cadre (吴明, user `cadre` of DH01001) on a 375 × 812 phone: their list opens as the home page, a
 * person found by name, a visit taken without a signal kept on the phone as 待发送 and sent once the signal returns —
 * stored exactly once (the phone resends under the visit's Idempotency-Key).
 */
describe('console: cadre on a phone (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let person: { id: string; name: string; visits: number };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser({ width: 375, height: 812 })]);
    // the API's (test) clock stands still: set it after the phone's, which stamps the visit when it is taken
    server.env.clock.set(new Date(Date.now() + 3600_000).toISOString());
    page = await browser.page();
    // a person of the cadre's whose name no other entry of theirs contains
    [person] = await server.api.ds.query(
      `SELECT p.id::text, p.name, (SELECT count(*)::int FROM registry_visit v WHERE v.person_id = p.id) AS visits
         FROM registry_person p JOIN app_user u ON u.id = p.cadre_id AND u.username = 'cadre'
        WHERE (SELECT count(*) FROM registry_person o WHERE o.cadre_id = p.cadre_id AND strpos(o.name, p.name) > 0) = 1
        ORDER BY p.id LIMIT 1`,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visitsOf = (id: string) =>
    server.api.ds.query(`SELECT outcome, method, visitor_id IS NOT NULL AS by_someone FROM registry_visit WHERE person_id = $1 ORDER BY id`, [id]);

  it("opens on the cadre's list at phone size, online", async () => {
    expect(person).toBeDefined();
    await page.goto(`${server.url}/login`);
    await fillLogin(page, 'cadre');
    await visible(page.getByTestId('home-field'));
    expect(new URL(page.url()).pathname).toBe('/field');
    await visible(page.getByTestId('entry-item'));
    await textMatching(page.getByTestId('network-state'), /在线/);
    const file = await screenshot(page, 'cadre-home-phone');
    expect(file).toMatch(/cadre-home-phone\.png$/);
  });

  it('finds a person by name, takes a visit offline (待发送), and stores it exactly once when the signal returns', async () => {
    const before = await visitsOf(person.id);
    expect(before).toHaveLength(person.visits);
    await page.getByLabel('搜索').fill(person.name);
    await page.getByLabel('搜索').press('Enter');
    await textMatching(page.getByTestId('entry-item'), new RegExp(person.name));
    await page.waitForFunction(`document.querySelectorAll('[data-testid="entry-item"]').length === 1`);
    expect(new URL(page.url()).searchParams.get('q')).toBe(person.name);
    await page.getByTestId('entry-item').click();
    await visible(page.getByTestId('entry-card'));
    await page.getByRole('button', { name: '登记走访' }).click();
    await visible(page.getByTestId('visit-sheet'));

    await page.context().setOffline(true);
    await textMatching(page.getByTestId('network-state'), /离线/);
    // three taps: 登记走访, the outcome, 保存 (the method starts at 上门)
    await page.getByTestId('visit-sheet').getByRole('button', { name: '承诺参保' }).click();
    await page
      .getByTestId('visit-sheet')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await visible(page.getByTestId('queued-visit'));
    await textMatching(page.getByTestId('queued-visit'), /待发送.*上门.*承诺参保/);
    await textMatching(page.getByTestId('network-state'), /离线\s*1 条待发送/);
    await screenshot(page, 'cadre-visit-offline');
    await new Promise((r) => setTimeout(r, 500));
    expect(await visitsOf(person.id)).toHaveLength(person.visits); // nothing reached the API

    await page.context().setOffline(false);
    await textMatching(page.getByTestId('network-state'), /^在线$/);
    const until = Date.now() + 10_000;
    while ((await visitsOf(person.id)).length === person.visits && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await page.getByTestId('queued-visit').waitFor({ state: 'detached' });
    await textMatching(page.getByTestId('entry-card'), /承诺参保/);
    const after = await visitsOf(person.id);
    expect(after).toHaveLength(person.visits + 1);
    expect(after.at(-1)).toEqual({ outcome: 'will_enrol', method: 'door_to_door', by_someone: true });
    // the key the phone sent it under is the API's record of it; nothing is left on the phone to send again
    const keys = await server.api.ds.query(
      `SELECT count(*)::int AS n FROM idempotency_key k JOIN app_user u ON u.id = k.user_id WHERE u.username = 'cadre' AND k.path LIKE '%registry-visits%'`,
    );
    expect(keys).toEqual([{ n: 1 }]);
    expect(await page.evaluate(`localStorage.getItem('yingbao.visitOutbox')`)).toBe('[]');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await visitsOf(person.id)).toHaveLength(person.visits + 1);
  });

  it('resends a visit whose answer was lost under the same key: stored once, and the queued item goes', async () => {
    const before = await visitsOf(person.id);
    const keys: string[] = [];
    let lost = 0;
    let aborted = false;
    // the first POST reaches the API (the visit is stored) but its answer never reaches the phone
    await page.route('**/api/registry-visits', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (lost++ > 0) return route.continue();
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      await route.abort('connectionreset');
      aborted = true;
    });
    await visible(page.getByTestId('entry-card'));
    await page.getByRole('button', { name: '登记走访' }).click();
    await visible(page.getByTestId('visit-sheet'));
    await page.getByTestId('visit-sheet').getByRole('button', { name: '拒绝参保' }).click();
    await page
      .getByTestId('visit-sheet')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    // no answer: the phone keeps it as 待发送, while the API has stored it already
    const until = Date.now() + 10_000;
    while (!aborted && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(aborted).toBe(true);
    await textMatching(page.getByTestId('queued-visit'), /待发送.*上门.*拒绝参保/);
    expect(keys).toHaveLength(1);
    expect(await visitsOf(person.id)).toHaveLength(before.length + 1);
    // the backoff (5 s) resends it under the same key; the API answers the visit it stored
    await page.getByTestId('queued-visit').waitFor({ state: 'detached', timeout: 15_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    const after = await visitsOf(person.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toEqual({ outcome: 'refused', method: 'door_to_door', by_someone: true });
    const [{ n }] = await server.api.ds.query(`SELECT count(*)::int AS n FROM registry_visit WHERE client_key = $1`, [keys[0]]);
    expect(n).toBe(1);
    expect(await page.evaluate(`localStorage.getItem('yingbao.visitOutbox')`)).toBe('[]');
    await page.unroute('**/api/registry-visits');
  });

  it('opens the same screen after a reload and after logging in again (less the search text, which the phone does not keep)', async () => {
    await page.reload();
    await visible(page.getByTestId('home-field'));
    expect(new URL(page.url()).searchParams.get('q')).toBe(person.name);
    await page.evaluate(`localStorage.removeItem('yingbao.session')`);
    await page.goto(`${server.url}/login`);
    await fillLogin(page, 'cadre');
    await visible(page.getByTestId('home-field'));
    expect(new URL(page.url()).pathname).toBe('/field');
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(await page.evaluate(`localStorage.getItem('yingbao.lastPath')`)).toBe('{"username":"cadre","path":"/field"}');
  });

  it('lists the unreachable people of the area for the police check', async () => {
    const [{ n }] = await server.api.ds.query(
      // a village's cadre checks the whole town's (the town's police station does the check)
      `SELECT count(*)::int AS n FROM registry_person p JOIN app_user u ON u.username = 'cadre' JOIN org_unit o ON o.id = u.org_unit_id
         JOIN org_unit t ON t.id = CASE WHEN o.level = 'village' AND o.parent_id IS NOT NULL THEN o.parent_id ELSE o.id END
        WHERE p.status = 'unreachable' AND p.org_unit_path LIKE t.path || '%'`,
    );
    await page.getByText('派出所核查').click();
    await visible(page.getByText('请交派出所核对户籍'));
    await page.waitForLoadState('networkidle');
    // the person list (20 a page, no search now) gives way to the police list
    const until = Date.now() + 10_000;
    while ((await page.getByTestId('entry-item').count()) !== Math.min(n, 20) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const shown = await page.getByTestId('entry-item').count();
    expect(shown).toBe(Math.min(n, 20));
    if (n) await textMatching(page.getByTestId('entry-item'), /联系不上/);
    await screenshot(page, 'cadre-police-checks');
  });
});
