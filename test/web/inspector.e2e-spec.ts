import { DEMO_PASSWORD } from '#platform';
import { Page } from 'playwright-core';
import { waitFor } from '../helpers/test-app';
import { uscc } from '../registry/registry-helpers';
import { isA4, launchBrowser, printPdf, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

type Board = { indicators: { code: string; total: { actual: string }; rows: { unitId: number; actual: string }[] }[] };

/**
 * Issue 15, the inspector on a tablet (768 × 1024): from the checklist to a case, a rectification order with its
 * deadline (a deadline not after today refused next to the field), the printed 限期改正指令书, then the rectification
 * with the number enrolled; the enrolments reach the employer's unit's progress through the existing
 * enforcement → progress credit. Then a member department's home page.
 */
describe('console: inspector on a tablet (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let office: string;
  let campaignId: number;
  let epIndicator: number;
  /** The inspector's first case without a rectification order, its employer's village and town. */
  let kase: { id: number; employer_name: string; village: number; town: number; uninsured: number };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser({ width: 768, height: 1024 })]);
    server.env.clock.set('2026-11-24T02:00:00Z'); // 24 Nov, 10:00 in Beijing
    page = await browser.page();
    const ds = server.api.ds;
    [{ id: campaignId }] = await ds.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    [{ id: epIndicator }] = await ds.query(`SELECT id FROM indicator WHERE campaign_id = $1 AND code = 'EP-NEW'`, [campaignId]);
    [kase] = await ds.query(
      `SELECT c.id::int, e.name AS employer_name, e.org_unit_id AS village, o.parent_id AS town, e.uninsured_count AS uninsured
         FROM inspection_case c JOIN registry_employer e ON e.id = c.employer_id JOIN org_unit o ON o.id = e.org_unit_id
         JOIN app_user u ON u.id = c.assignee_id
        WHERE u.username = 'inspector' AND c.status = 'open' AND c.rectification_deadline IS NULL ORDER BY c.due_date, c.id LIMIT 1`,
    );
    // the office links the new-enrolee indicator to inspection enrolments (the demo campaign links none)
    office = await server.api.login('office', DEMO_PASSWORD);
    const linked = await server.api
      .as(office)
      .put(`/api/campaigns/${campaignId}/progress-settings`)
      .send({ inspectionIndicatorIds: [epIndicator] });
    expect(linked.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** EP-NEW on the town's dashboard: the village's row and the town's total. */
  const progress = async (): Promise<{ village: number; town: number }> => {
    const res = await server.api.as(office).get('/api/dashboards').query({ campaignId, unitId: kase.town });
    expect(res.status).toBe(200);
    const ep = (res.body as Board).indicators.find((i) => i.code === 'EP-NEW')!;
    return { village: Number(ep.rows.find((r) => r.unitId === kase.village)!.actual), town: Number(ep.total.actual) };
  };
  const field = (label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
  const caseRow = async () =>
    (
      await server.api.ds.query(
        `SELECT status, resolution, to_char(rectification_deadline, 'YYYY-MM-DD') AS deadline, enrolled_count FROM inspection_case WHERE id = $1`,
        [kase.id],
      )
    )[0];

  it('orders rectification by a date, prints the order, records the rectification, and the enrolled staff reach the unit’s progress', async () => {
    expect(kase.uninsured).toBeGreaterThanOrEqual(5);
    const before = await progress();

    await loginAs(page, server.url, 'inspector');
    await visible(page.getByTestId('home-inspector'));
    await textMatching(page.getByTestId('home-inspector'), /今日检查清单/);
    const card = page.getByTestId(`checklist-case-${kase.id}`);
    await visible(card);
    await textMatching(card, new RegExp(kase.employer_name));
    await screenshot(page, 'inspector-home-tablet');
    await card.getByRole('button', { name: '查看案件、登记结果' }).click();
    await visible(page.getByTestId('outcome-card'));

    // rectification ordered: a deadline of today is refused by the API, next to the date picker
    await page.getByText('责令限期改正', { exact: true }).click();
    const deadline = page.getByLabel('改正期限');
    await deadline.click();
    await deadline.fill('2026-11-24');
    await deadline.press('Enter');
    await page.getByLabel('违法事实').fill('未为 5 名职工办理社会保险登记');
    await page.getByRole('button', { name: '登记责令限期改正' }).click();
    await visible(field('改正期限').getByText('限期改正的期限须晚于今天（2026-11-24）', { exact: false }));
    expect(await caseRow()).toMatchObject({ status: 'open', deadline: null });
    await screenshot(page, 'inspector-deadline-refused');
    await deadline.click();
    await deadline.fill('2026-12-04');
    await deadline.press('Enter');
    await page.getByRole('button', { name: '登记责令限期改正' }).click();
    await visible(page.getByRole('button', { name: '打印限期改正指令书' }));
    expect(await caseRow()).toEqual({ status: 'open', resolution: null, deadline: '2026-12-04', enrolled_count: null });

    // the printed order, on A4 as the print stylesheet lays it out, and 打印 opens the browser's print dialog
    await page.getByRole('button', { name: '打印限期改正指令书' }).click();
    const order = page.getByTestId('rectification-order');
    await textMatching(order, new RegExp(`限改〔2026〕${kase.id}-1号`));
    const text = await order.innerText();
    expect(text).toContain(kase.employer_name);
    expect(text).toContain('现责令你单位于 2026年12月4日 前改正');
    expect(text).toContain('未为 5 名职工办理社会保险登记');
    expect(text).toContain('2026年11月24日');
    // signed by the inspector's name (the demo's 韩磊), not the login
    expect(text).toContain('检查人员：韩磊');
    expect(text).not.toMatch(/[A-Za-z]/);
    await page.evaluate('window.__printed = 0; window.print = () => { window.__printed += 1; }');
    await page.getByRole('button', { name: '打印' }).click();
    expect(await page.evaluate('window.__printed')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    await screenshot(page, 'inspector-rectification-order-print');
    await page.emulateMedia({ media: 'screen' });
    // and as the PDF the print dialog makes: one A4 page
    const orderPdf = await printPdf(page, 'inspector-rectification-order');
    expect(orderPdf.pages).toHaveLength(1);
    expect(orderPdf.pages.every(isA4)).toBe(true);

    // rectified with 5 enrolled: the case closes after a confirmation
    await page.getByRole('button', { name: '返回' }).click();
    await visible(page.getByTestId('outcome-card'));
    await page.getByText('已整改参保', { exact: true }).click();
    await page.getByLabel('已参保职工人数').fill('5');
    await page.getByRole('button', { name: '登记已整改参保' }).click();
    await page.getByRole('button', { name: '确认登记' }).click();
    await textMatching(page.locator('body'), /已整改结案/);
    expect(await caseRow()).toEqual({ status: 'closed', resolution: 'rectified', deadline: '2026-12-04', enrolled_count: 5 });

    // the worker credits the 5 to the employer's village (and so its town) on the linked indicator, once
    await waitFor(async () => (await server.api.ds.query(`SELECT 1 FROM progress_credit WHERE source_ref = $1`, [`case-${kase.id}`])).length > 0, 20_000);
    const credits = await server.api.as(office).get('/api/progress-credits').query({ campaignId });
    expect(credits.body.items.filter((c: { sourceRef: string }) => c.sourceRef === `case-${kase.id}`)).toEqual([
      expect.objectContaining({ amount: '5', orgUnitId: kase.village, indicatorId: epIndicator }),
    ]);
    expect(await progress()).toEqual({ village: before.village + 5, town: before.town + 5 });
  }, 120_000);

  it("prints the day's checklist on A4 without the console's menu", async () => {
    // the browser's day is the server's (24 Nov in Beijing): the sheet is dated by the browser
    await page.clock.setFixedTime(new Date('2026-11-24T02:00:00Z'));
    await page.goto(`${server.url}/inspector`);
    await page.getByRole('button', { name: '打印检查清单' }).click();
    const sheet = page.getByTestId('checklist-print');
    await textMatching(sheet, /劳动保障检查清单/);
    const [{ n }] = await server.api.ds.query(
      `SELECT count(*)::int AS n FROM inspection_case c JOIN app_user u ON u.id = c.assignee_id WHERE u.username = 'inspector' AND c.status = 'open'`,
    );
    expect(await sheet.locator('tbody tr').count()).toBe(n);
    const header = await sheet.locator('.doc-number').innerText();
    expect(header).toContain('检查人员：韩磊');
    expect(header).toContain('日期：2026年11月24日');
    expect(header).toContain(`共 ${n} 件`);
    expect(await page.getByTestId('checklist-print-cut').count()).toBe(0);
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'inspector-checklist-print');
    await page.emulateMedia({ media: 'screen' });
    // the demo's few cases fit one A4 page
    const checklistPdf = await printPdf(page, 'inspector-checklist');
    expect(checklistPdf.pages).toHaveLength(1);
    expect(checklistPdf.pages.every(isA4)).toBe(true);
  });

  it('prints a long checklist from every page of the API, cut at 2000 cases with a note saying so', async () => {
    // the API answers 2300 open cases (copies of a real one), 500 a page: the sheet reads four pages and stops at 2000
    const asked: string[] = [];
    await page.route('**/api/inspection-checklist?*', async (route) => {
      const url = new URL(route.request().url());
      asked.push(`${url.searchParams.get('page')}/${url.searchParams.get('pageSize')}`);
      // the real first page (the inspector's own cases) gives the copied case
      const first = new URL(url);
      first.searchParams.set('page', '1');
      const real = (await (await route.fetch({ url: first.toString() })).json()) as { items: { id: number }[]; total: number };
      const [page, size] = [Number(url.searchParams.get('page')), Number(url.searchParams.get('pageSize'))];
      const from = (page - 1) * size;
      const items = Array.from({ length: Math.max(0, Math.min(size, 2300 - from)) }, (_, i) => ({ ...real.items[0], id: 100000 + from + i }));
      await route.fulfill({ json: { ...real, items, total: 2300 } });
    });
    await page.goto(`${server.url}/print/checklist`);
    const sheet = page.getByTestId('checklist-print');
    await textMatching(sheet, /劳动保障检查清单/, 30_000);
    expect(asked).toEqual(['1/500', '2/500', '3/500', '4/500']);
    expect(await sheet.locator('tbody tr').count()).toBe(2000);
    expect(await sheet.locator('tbody tr').last().locator('td').first().innerText()).toBe('2000');
    expect(await sheet.locator('.doc-number').innerText()).toContain('共 2300 件');
    const cut = await page.getByTestId('checklist-print-cut').innerText();
    expect(cut).toContain('清单共 2300 件，超过一次打印的上限 2000 件');
    expect(cut).toContain('其余 300 件未打印');
    const longPdf = await printPdf(page, 'inspector-checklist-long');
    expect(longPdf.pages.length).toBeGreaterThan(20);
    expect(longPdf.pages.every(isA4)).toBe(true);
    await page.unroute('**/api/inspection-checklist?*');
  }, 120_000);

  it('shows a member department its duty, what it delivers (marked delivered here), campaigns, contacts and its 数据上报 card', async () => {
    await page.evaluate('localStorage.clear()');
    await loginAs(page, server.url, 'tax');
    const home = page.getByTestId('home-department');
    await textMatching(home, /负责社会保险费征收/);
    await textMatching(page.getByTestId('department-contacts'), /办公室主任/);
    await textMatching(page.getByTestId('department-uploads'), /本部门还没有在本任务中上报数据/);
    // its own duty only (the demo gives 税务 one: 已纳税未参保用人单位信息, monthly on the 10th), not yet delivered
    const duties = page.getByTestId('department-duties');
    await textMatching(duties, /已纳税未参保用人单位信息[\s\S]*每月 10 日[\s\S]*尚未报送/);
    expect(await duties.textContent()).not.toMatch(/全市人口基本信息/);
    await screenshot(page, 'department-home-tablet');
    await duties.getByRole('button', { name: '标记已报送' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '标记已报送' }).click();
    // delivered today (the server's 24 Nov) for the due date it waited on
    await textMatching(duties, /2026-11-24（\d{4}-\d{2}-10 期）/);

    // 数据上报: an employer list, matched against the (empty) roster: one new entry, one bad row with its reason in errors.csv
    const card = page.getByTestId('department-uploads');
    await card.getByText('单位名单', { exact: true }).click();
    const rows = [
      '统一社会信用代码,名称,法定代表人,地址,所属村镇代码',
      `${uscc('MA00U0001')},数据上报测试公司,张三,江边路1号,DH01001`,
      `${uscc('MA00U0002')},无村代码公司,,,`,
    ];
    await card.locator('input[type=file]').setInputFiles({ name: '已纳税未参保单位.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.getByTestId('department-uploads-submit').click();
    await textMatching(page.getByTestId('department-uploads-summary'), /比对完成：共 2行，已参保 0条，新增名册 1条，更新名册 0条，有误 1行/, 20_000);
    await textMatching(card.locator('tbody'), /已纳税未参保单位\.csv[\s\S]*已完成/);
    await screenshot(page, 'department-data-report');
  });
});
