import { NoticesService } from '#notices';
import ExcelJS from 'exceljs';
import { Page } from 'playwright-core';
import { makeUser } from '../helpers/factories';
import { TEST_PASSWORD } from '../helpers/api-client';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/**
 * The registry desk and the notice inbox in a real browser on the demo city: the office filters the people of one
 * village, sorts them, opens one (a full read, audited), switches to the employers; then reads one notice.
 */
describe('console: registry desk and notice inbox (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    page = await browser.page();
    await loginAs(page, server.url, 'office');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('filters the people of a village by status, sorts them, and opens one: the full record, visits and assignments; the read is audited', async () => {
    const [village] = await server.api.ds.query(
      `SELECT o.id, o.name, count(*)::int AS n FROM registry_person p JOIN org_unit o ON o.id = p.org_unit_id
        GROUP BY o.id, o.name ORDER BY count(*) DESC, o.id LIMIT 1`,
    );
    const pending: { id: string; name: string; id_number: string }[] = await server.api.ds.query(
      `SELECT id::text, name, id_number FROM registry_person WHERE org_unit_id = $1 AND status = 'pending' ORDER BY name DESC, id`,
      [village.id],
    );
    expect(pending.length).toBeGreaterThan(1);
    await page.goto(`${server.url}/registry?unitId=${village.id}&status=pending`);
    await visible(page.getByTestId('registry-page'));
    await textMatching(page.locator('.ant-pagination-total-text'), new RegExp(`共 ${pending.length} 条`));
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    // the status filter shows the API's word for it; ID numbers are masked in the list
    await visible(page.locator('.ant-select[aria-label="状态"]').getByText('待走访'));
    const firstId = await rows.nth(0).locator('td').nth(1).innerText();
    expect(firstId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

    // sort by name, descending: a click on the header sorts ascending, the next (once that page is in) descending
    const sortedBy = async (order: 'asc' | 'desc') => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/registry-people?') && r.url().includes(`order=${order}`));
      await page.getByRole('columnheader', { name: '姓名' }).click();
      await answered;
      await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' });
    };
    await sortedBy('asc');
    await sortedBy('desc');
    await textMatching(rows.nth(0).locator('td').nth(0), new RegExp(`^${pending[0].name}$`));
    await screenshot(page, 'registry-desk-people');

    const audited = async () =>
      (await server.api.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.person.read' AND entity_id = $1`, [pending[0].id]))[0].n;
    expect(await audited()).toBe(0);
    await rows.nth(0).click();
    const drawer = page.getByTestId('entry-drawer');
    await visible(drawer.getByText(pending[0].id_number));
    expect(await audited()).toBe(1);
    await drawer.getByRole('tab', { name: /走访记录/ }).click();
    await visible(drawer.getByRole('tab', { name: /走访记录（\d+）/ }));
    await drawer.getByRole('tab', { name: /分配记录/ }).click();
    await visible(drawer.getByRole('tab', { name: /分配记录（\d+）/ }));
    await screenshot(page, 'registry-desk-entry');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: '用人单位' }).click();
    await page.waitForURL(/kind=employer/);
    await visible(page.getByRole('columnheader', { name: '未参保人数' }));
    expect(page.url()).not.toMatch(/sort=/);
    await screenshot(page, 'registry-desk-employers');
  });

  it('says what to do next when a campaign has no registry yet', async () => {
    const [empty] = await server.api.ds.query(
      `SELECT c.id FROM campaign c WHERE NOT EXISTS (SELECT 1 FROM registry_person p WHERE p.campaign_id = c.id) ORDER BY c.id LIMIT 1`,
    );
    if (!empty) {
      // the demo files people under every campaign: a new campaign has none
      const [made] = await server.api.ds.query(
        `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status, settings)
         SELECT org_unit_id, '空名册测试任务', starts_on, ends_on, status, settings FROM campaign ORDER BY id LIMIT 1 RETURNING id`,
      );
      await page.goto(`${server.url}/registry?campaignId=${made.id}`);
    } else await page.goto(`${server.url}/registry?campaignId=${empty.id}`);
    await visible(page.getByText('本任务还没有人员名册'));
    await visible(page.getByRole('button', { name: '去导入名册' }));
  });

  it('lists my notices, filters the unread ones and marks one read; the header counts them', async () => {
    const unreadOf = async () =>
      (
        await server.api.ds.query(
          `SELECT count(*)::int AS n FROM notice n JOIN app_user u ON u.id = n.recipient_user_id WHERE u.username = 'office' AND n.read_at IS NULL`,
        )
      )[0].n as number;
    // two notices of two kinds for the office, filed the way the worker files them
    const [office] = await server.api.ds.query(`SELECT id FROM app_user WHERE username = 'office'`);
    const notice = (kind: string, subject: string) => ({
      recipientUserId: office.id,
      kind,
      subject,
      body: `${subject}，请及时处理`,
      linkEntity: null,
      linkId: null,
      dedupeKey: `e2e:${kind}`,
    });
    await server.api.app.get(NoticesService).create([notice('e2e.first', '测试通知一'), notice('e2e.second', '测试通知二')]);
    const before = await unreadOf();
    expect(before).toBeGreaterThanOrEqual(2);
    await page.goto(`${server.url}/notices?unread=true`);
    await visible(page.getByTestId('inbox-page'));
    await textMatching(page.locator('.ant-pagination-total-text'), new RegExp(`共 ${before} 条`));
    await visible(page.getByTestId('notice-bell'));
    expect(await page.getByTestId('notice-bell').getAttribute('aria-label')).toBe(`消息通知，${before} 条未读`);
    await screenshot(page, 'notices-inbox');
    const read = page.waitForResponse((r) => /\/api\/notices\/\d+\/read$/.test(r.url()));
    await page.getByRole('button', { name: '标为已读', exact: true }).first().click();
    expect((await read).status()).toBe(200);
    await textMatching(page.locator('.ant-pagination-total-text'), new RegExp(`共 ${before - 1} 条`));
    expect(await unreadOf()).toBe(before - 1);
    await textMatching(page.locator('.ant-segmented'), new RegExp(`未读（${before - 1}）`));
    await screenshot(page, 'notices-inbox-read');
  });

  it("gives a town's office, and it alone, the police-check export with full ID numbers", async () => {
    await page.goto(`${server.url}/registry`);
    await visible(page.getByTestId('registry-page'));
    expect(await page.getByTestId('police-export').count()).toBe(0); // the city's office
    const [town] = await server.api.ds.query(
      `SELECT o.code, o.name, o.path FROM org_unit o WHERE o.level = 'town' AND EXISTS (SELECT 1 FROM registry_person p WHERE starts_with(p.org_unit_path, o.path))
        ORDER BY o.id LIMIT 1`,
    );
    await makeUser(server.api.ds, 'e2e_town_office', town.code, ['office']);
    await page.evaluate('localStorage.clear()');
    await loginAs(page, server.url, 'e2e_town_office', TEST_PASSWORD);
    const [campaign] = await server.api.ds.query(
      `SELECT campaign_id AS id FROM registry_person WHERE status = 'unreachable' AND starts_with(org_unit_path, $1) GROUP BY campaign_id ORDER BY campaign_id LIMIT 1`,
      [town.path],
    );
    await page.goto(`${server.url}/registry?campaignId=${campaign.id}`);
    await visible(page.locator('.ant-table-tbody tr.ant-table-row').first());
    const download = page.waitForEvent('download');
    const asked = page.waitForRequest((r) => r.url().includes('/api/registry-police-checks/export.xlsx'));
    await page.getByTestId('police-export').click();
    expect(new URL((await asked).url()).searchParams.get('campaignId')).toBe(String(campaign.id));
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(new RegExp(`^${town.name}派出所核查名单\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await saved.path());
    const ids: string[] = [];
    wb.worksheets[0].eachRow((r, n) => n > 2 && ids.push(String(r.getCell(4).value)));
    // the demo's unreachable people of the town in the page's campaign, with their full ID numbers
    const unreachable: { id_number: string }[] = await server.api.ds.query(
      `SELECT id_number FROM registry_person WHERE campaign_id = $1 AND status = 'unreachable' AND starts_with(org_unit_path, $2) ORDER BY id_number`,
      [campaign.id, town.path],
    );
    expect(unreachable.length).toBeGreaterThan(0);
    expect(ids.sort()).toEqual(unreachable.map((u) => u.id_number));
  });
});
