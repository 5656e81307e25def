import { DEMO_PASSWORD } from '#platform';
import { Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/**
 * Issue 20 on the demo city: the leader's dashboard card 预计无法按期完成 (XL's districts run at 65 % of the pace they
 * need), and the date picker marking 国庆节's days off (休) and its make-up Saturday 10 Oct 2026 (班).
 */
describe('console: forecast card and the working calendar in the date pickers (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    server.env.clock.set('2026-11-02T04:00:00Z');
    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the leader how many tasks below will miss the deadline, worst first, with the pace each needs', async () => {
    const [{ id }] = await server.api.ds.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    const token = await server.api.login('leader', DEMO_PASSWORD);
    const res = await server.api.http().get(`/api/forecasts?campaignId=${id}&page=1&pageSize=5`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    const first = res.body.items[0];
    await loginAs(page, server.url, 'leader');
    const card = page.getByTestId('forecast-miss');
    await visible(card);
    await visible(card.getByText(`${res.body.total} 项`, { exact: true }));
    const row = card.locator('tr.ant-table-row').first();
    await visible(row.getByText(first.unitName, { exact: true }));
    await visible(row.getByText(`每天 ${first.needed.perDay}`, { exact: false }));
    await screenshot(page, 'forecast-leader');
  });

  it('marks 国庆节 days off and the make-up Saturday in the dashboard date picker', async () => {
    await page.goto(`${server.url}/?date=2026-10-08`);
    await page.getByLabel('统计日期').click();
    const off = page.locator('[data-calendar="holiday"][title="国庆节放假"]');
    await visible(off.first());
    // 1–7 October; the six-week grid begins on 27 or 28 September, after Sunday 20 September's make-up day
    expect(await off.count()).toBe(7);
    await visible(page.locator('[data-calendar="makeup"][title="国庆节调休上班"]').first());
    expect(await page.locator('[data-calendar="makeup"]').count()).toBe(1); // Saturday 10 Oct
    await screenshot(page, 'calendar-picker');
  });
});
