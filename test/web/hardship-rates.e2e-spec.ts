import { Page } from 'playwright-core';
import { idNumber } from '../registry/registry-helpers';
import { launchBrowser, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/** 困难群体三个100% in a real browser on the demo city: the office sees the city's rates as 合计 and drills into a district. */
describe('console: hardship groups 三个100% (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let district: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    page = await browser.page();
    // In one village, for every active campaign: 3 listed, 2 registered, 1 paid for, 1 of pension age (born 1950) receiving.
    const people: [string, string | null, string | null, string | null][] = [
      [idNumber('19500101', 11), '2026-01-05', '2026-01-20', '2026-02-01'],
      [idNumber('19800101', 21), '2026-01-05', null, null],
      [idNumber('19900101', 31), null, null, null],
    ];
    for (const [id, registered, paid, benefit] of people)
      await server.api.ds.query(
        `INSERT INTO registry_hardship_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, category,
                                               registered_on, paid_on, paid_amount, benefit_on, recorded_by)
         SELECT c.id, o.id, o.path, $1, '困难' || right($1, 4), 'M', to_date(substr($1, 7, 8), 'YYYYMMDD'), 'minimum_living',
                $2::date, $3::date, CASE WHEN $3 IS NULL THEN NULL ELSE 100 END, $4::date, (SELECT id FROM app_user WHERE username = 'office')
           FROM campaign c, org_unit o WHERE c.status = 'active' AND o.code = 'DH01001'`,
        [id, registered, paid, benefit],
      );
    [{ name: district }] = await server.api.ds.query(
      `SELECT d.name FROM org_unit v JOIN org_unit d ON v.path LIKE d.path || '%' AND d.level = 'district' WHERE v.code = 'DH01001'`,
    );
    await loginAs(page, server.url, 'office');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the city as 合计 and each district; a district opens to its towns', async () => {
    await page.goto(`${server.url}/hardship`);
    await visible(page.getByTestId('hardship-rates-page'));
    const total = page.locator('.ant-table-summary tr');
    await textMatching(total, /合计\s*3\s*66\.7%\s*登记 2 \/ 3\s*50\.0%\s*代缴 1 \/ 2\s*100\.0%\s*享受 1 \/ 1/);
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: district });
    await textMatching(row, /66\.7%/);
    // a district with no one listed shows blank rates (—), and is not a link
    const blank = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasNotText: district }).first();
    await textMatching(blank, /^\S+\s*0\s*—\s*登记 0 \/ 0/);
    await row
      .getByRole('link', { name: district })
      .or(row.locator('a', { hasText: district }))
      .click();
    await visible(page.locator('.ant-breadcrumb').getByText(district));
    await textMatching(page.locator('.ant-table-summary tr'), /合计\s*3\s*66\.7%/);
  });
});
