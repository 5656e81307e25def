import { EnforcementJobs } from '#enforcement';
import { Page } from 'playwright-core';
import { makeUser } from '../helpers/factories';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/**
 * The labour-inspection manager's 重点检查 screen on the demo city, on 5 October: the list of 10 September was
 * dispatched on 12 September (cases due 12 October); the demo inspector 韩磊 visited the first case and ordered it
 * rectified by 29 September, so that one is overdue (the worker's sweep marks it). A second inspector 林涛 joins; the other five cases are
 * unassigned. The manager assigns one by hand, then spreads the list evenly and sees each inspector's load.
 */
describe('console: inspection cases for a department manager (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let inspectId: number;
  let overdueEmployer: string;

  const loads = async () =>
    (
      await server.api.ds.query(
        `SELECT u.display_name AS name, count(*)::int AS n FROM inspection_case c JOIN app_user u ON u.id = c.assignee_id
          WHERE c.department_id = $1 AND c.status = 'open' GROUP BY u.display_name ORDER BY min(u.id)`,
        [inspectId],
      )
    ).map((r: { name: string; n: number }) => `${r.name} ${r.n}`);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    server.env.clock.set('2026-10-05T02:00:00Z');
    // the worker's sweep marks the rectification overdue (once, whether its own tick ran already or not)
    await server.worker.get(EnforcementJobs).reconcile();
    const ds = server.api.ds;
    [{ id: inspectId }] = await ds.query(`SELECT id FROM org_unit WHERE code = 'DEP-INSPECT'`);
    await makeUser(ds, 'inspector2', 'DEP-INSPECT', ['inspector'], { displayName: '林涛' });
    [{ name: overdueEmployer }] = await ds.query(
      `SELECT e.name FROM inspection_case c JOIN registry_employer e ON e.id = c.employer_id WHERE c.department_id = $1 AND c.rectification_deadline IS NOT NULL`,
      [inspectId],
    );
    await ds.query(`UPDATE inspection_case SET assignee_id = NULL, assigned_at = NULL WHERE department_id = $1 AND rectification_deadline IS NULL`, [
      inspectId,
    ]);
    page = await browser.page();
    await loginAs(page, server.url, 'inspection_manager');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the cases by due date with the overdue rectification in red, then assigns one by hand and the list evenly', async () => {
    // two employers per district, three districts: six cases, one with 韩磊
    expect(await loads()).toEqual(['韩磊 1']);
    await page.goto(`${server.url}/enforcement`);
    const table = page.locator('.ant-table');
    await visible(table.getByText(overdueEmployer));
    expect(await page.locator('.ant-table-row').count()).toBe(6);
    const overdue = page.locator('tr[data-overdue="true"]');
    expect(await overdue.count()).toBe(1);
    expect(await overdue.locator('td').first().innerText()).toBe(overdueEmployer);
    expect(await overdue.getByText('逾期').count()).toBe(1);
    expect(await table.getByText('未分派').count()).toBe(5);
    await screenshot(page, 'inspection-manager-cases');

    // by hand: the first unassigned case to 林涛
    const row = page.locator('.ant-table-row', { has: page.getByText('未分派') }).first();
    const handName = await row.locator('td').first().innerText();
    await row.getByRole('button', { name: /^分\s*派$/ }).click();
    const dialog = page.getByRole('dialog', { name: `分派案件：${handName}` });
    await dialog.getByRole('combobox', { name: '检查人员' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '林涛' }).click();
    await dialog.getByRole('button', { name: /分\s*派/ }).click();
    await visible(page.getByText('已分派给 林涛'));
    expect(await loads()).toEqual(['韩磊 1', '林涛 1']);

    // evenly: four left; 韩磊 (the lower user id) takes the ties: 韩磊, 林涛, 韩磊, 林涛
    await page.getByRole('button', { name: '平均分派' }).click();
    const even = page.getByRole('dialog', { name: '平均分派' });
    await even.getByRole('combobox', { name: '重点检查名单' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '截至 2026-09-10 的名单（6 家）' }).click();
    await even.getByRole('button', { name: /平均分派/ }).click();
    await visible(even.getByText('已分派 4 件案件'));
    const counts = (await even.locator('.ant-table-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(counts).toEqual(['韩磊 3 件', '林涛 3 件']);
    await screenshot(page, 'inspection-manager-assign-evenly');
    expect(await loads()).toEqual(['韩磊 3', '林涛 3']);
    await even.getByRole('button', { name: /完\s*成/ }).click();
    await page.locator('.ant-table-tbody').getByText('未分派').first().waitFor({ state: 'detached' });
  });

  it("filters by inspector and overdue, and opens a case's outcomes", async () => {
    await page.getByRole('combobox', { name: '检查人员' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '林涛' }).click();
    await page.waitForURL(/assigneeId=\d+/);
    await textMatching(page.locator('.ant-pagination-total-text'), /共 3 件/);
    const inspectorSelect = page.locator('.ant-select', { has: page.getByRole('combobox', { name: '检查人员' }) });
    await inspectorSelect.hover();
    await inspectorSelect.locator('.ant-select-clear').click();
    await page.waitForURL((u) => !u.search.includes('assigneeId'));
    await page.getByRole('switch', { name: '只看逾期' }).click();
    await textMatching(page.locator('.ant-pagination-total-text'), /共 1 件/);
    await page.locator('.ant-table-row').first().getByText(overdueEmployer).click();
    const drawer = page.locator('.ant-drawer-content');
    await visible(drawer.getByText('限期改正已逾期（期限 2026-09-29）'));
    expect(await drawer.getByTestId('case-event').locator('.ant-tag').allInnerTexts()).toEqual(['立案', '分派', '现场检查', '限期改正', '整改逾期']);
    const events = await drawer.getByTestId('case-event').allInnerTexts();
    expect(events[1]).toContain('分派给 韩磊');
    expect(events[3]).toContain('改正期限 2026-09-29');
    expect(events[4]).toContain('改正期限 2026-09-29 已过，未整改');
    await screenshot(page, 'inspection-manager-case-drawer');
  });
});
