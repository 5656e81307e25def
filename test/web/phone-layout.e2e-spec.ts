import { Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

const PHONE = { width: 375, height: 812 };

/**
 * The console on a phone (375 × 812): the menu is a drawer behind the header's button, no list makes the page wider
 * than the screen, and the lists of text show their primary columns without scrolling sideways (the tables of set
 * column widths — own tasks, ranking, investigation — may scroll inside themselves, their first column kept).
 */
describe('console on a phone (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser(PHONE)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** How much wider than the screen the page is, and how much each table is wider than its box (sideways scroll). */
  // a string: run in the page (the test's TypeScript has no DOM types)
  const widths = (page: Page) =>
    page.evaluate<{ page: number; tables: number[] }>(`({
      page: document.documentElement.scrollWidth,
      tables: [...document.querySelectorAll('.ant-table-content, .ant-table-body')]
        .filter((t) => t.offsetParent !== null && !t.closest('.ant-drawer, .ant-modal'))
        .map((t) => t.scrollWidth - t.clientWidth),
    })`);

  /** Opens a menu entry through the drawer, waits for the page's table, checks the widths and saves a screenshot. */
  const openFromMenu = async (page: Page, label: string, name: string) => {
    await page.getByRole('button', { name: '菜单' }).click();
    const drawer = page.locator('.ant-drawer-content');
    await visible(drawer.getByRole('menuitem', { name: label, exact: true }));
    await drawer.getByRole('menuitem', { name: label, exact: true }).click();
    await drawer.waitFor({ state: 'hidden' });
    await visible(page.locator('.ant-table, .ant-empty, .ant-card').first());
    await page.waitForLoadState('networkidle');
    await screenshot(page, `phone-${name}`);
    return widths(page);
  };

  /** Logs in on a phone (no sider: the menu is behind the header's button) and opens each menu entry in turn. */
  const visitAll = async (username: string, entries: [label: string, name: string][]) => {
    const page = await browser.page();
    await loginAs(page, server.url, username);
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    const seen: Record<string, { page: number; tables: number[] }> = { home: await widths(page) };
    await screenshot(page, `phone-${username}-home`);
    for (const [label, name] of entries) seen[name] = await openFromMenu(page, label, name);
    await page.close();
    for (const [name, w] of Object.entries(seen)) expect({ name, page: w.page <= PHONE.width }).toEqual({ name, page: true });
    return seen;
  };

  it('a district manager: home, campaigns, own tasks, ranking, registry imports and investigation fit the screen', async () => {
    const seen = await visitAll('dh_manager', [
      ['扩面任务', 'manager-campaigns'],
      ['本单位任务', 'manager-tasks'],
      ['进度排名', 'manager-ranking'],
      ['名册导入', 'manager-imports'],
      ['排查进度', 'manager-investigation'],
    ]);
    for (const name of ['manager-campaigns', 'manager-imports']) expect({ name, sideways: seen[name].tables }).toEqual({ name, sideways: [0] });
  }, 120_000);

  it('the office: campaigns, bulletins, settlements, cut-off runs, inspection lists, reminder rounds, organisation and audit log fit the screen', async () => {
    const seen = await visitAll('office', [
      ['扩面任务', 'office-campaigns'],
      ['进度通报', 'office-bulletins'],
      ['奖惩结算', 'office-settlements'],
      ['截止报送', 'office-cutoff-runs'],
      ['重点检查名单', 'office-inspection-lists'],
      ['提醒轮次', 'office-rounds'],
      ['名册导入', 'office-imports'],
      ['组织与用户', 'office-org'],
      ['操作日志', 'office-audit'],
    ]);
    // every list of the office's is of text: none scrolls sideways (the organisation page shows a tree, no table)
    for (const [name, w] of Object.entries(seen)) expect({ name, sideways: w.tables.filter((d) => d > 0) }).toEqual({ name, sideways: [] });
  }, 180_000);

  it("every other role's home page fits a phone (screenshots phone-home-<login>)", async () => {
    // leader: the dashboard; cadre: the field list; inspector: the checklist; tax: the department's page;
    // inspection_manager and the village manager: their unit's home
    for (const username of ['leader', 'cadre', 'inspector', 'inspection_manager', 'tax', 'dh01001_manager']) {
      const page = await browser.page();
      await loginAs(page, server.url, username);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `phone-home-${username}`);
      const w = await widths(page);
      await page.close();
      expect({ username, fits: w.page <= PHONE.width }).toEqual({ username, fits: true });
    }
  }, 180_000);
});
