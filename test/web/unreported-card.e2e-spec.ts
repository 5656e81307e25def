import { DEMO_PASSWORD } from '#platform';
import { Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/**
 * The 未报送单位 card (issue 17 point 2) on the leader's dashboard and a village head's home, on the demo city.
 * On 3 Jun (monthly reporting, period 06-01..06-30) the demo's fortnightly figures are dated 21 May and 4 Jun:
 * nobody has reported in June yet, so every unit holding a leaf task is listed.
 */
describe('console: units that have not reported (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    server.env.clock.set('2026-06-03T04:00:00Z');
    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** What the API answers the user for the demo campaign (first page of five, as the card asks). */
  async function answer(username: string): Promise<{ total: number; expectedUnits: number; items: { name: string }[] }> {
    const [{ id }] = await server.api.ds.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    const token = await server.api.login(username, DEMO_PASSWORD);
    const res = await server.api.http().get(`/api/reporting-completeness?campaignId=${id}&page=1&pageSize=5`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it('shows the leader how many units have not reported this period, laggards first', async () => {
    const a = await answer('leader');
    expect(a.total).toBeGreaterThan(0);
    expect(a.total).toBe(a.expectedUnits);
    await loginAs(page, server.url, 'leader');
    const card = page.getByTestId('unreported-units');
    await visible(card);
    await textMatching(card, new RegExp(`本期 2026-06-01 至 2026-06-30：${a.expectedUnits} 个单位中 ${a.total} 个未报送`));
    await visible(card.getByText(`${a.total} 个`, { exact: true }));
    await visible(card.locator('tr.ant-table-row').first().getByText(a.items[0].name, { exact: true }));
    await screenshot(page, 'unreported-leader');
  });

  it('shows a village head their own unit on the home page', async () => {
    const a = await answer('dh01001_manager');
    expect([a.expectedUnits, a.total]).toEqual([1, 1]);
    await page.context().clearCookies();
    await page.evaluate('localStorage.clear()');
    await loginAs(page, server.url, 'dh01001_manager');
    await visible(page.getByTestId('home-unit'));
    const card = page.getByTestId('unreported-units');
    await textMatching(card, /1 个单位中 1 个未报送/);
    await visible(card.getByText(a.items[0].name, { exact: true }));
  });
});
