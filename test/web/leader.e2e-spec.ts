import { DeadlinesService } from '#campaigns';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '#platform';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/** "8000" → "8,000人", as the console prints a count. */
const people = (v: string) => `${Number(v).toLocaleString('en-US')}人`;

/**
 * The leadership head (demo `leader`) on the demo city: the dashboard's figures and a drill-down to a town, the
 * ranking and its XLSX, and the approval queue where a split the office submitted is rejected with a reason.
 */
describe('console: the leader’s screens (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let auth: { Authorization: string };
  let campaignId: number;
  let city: number;
  let allocationId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    // the demo is dated by the real clock: show it as of today, with the deadlines already past judged (overdue tasks)
    server.env.clock.set(new Date());
    await server.api.app.get(DeadlinesService).reconcile();
    auth = { Authorization: `Bearer ${await server.api.login('leader', DEMO_PASSWORD)}` };
    [{ id: campaignId, org_unit_id: city }] = await server.api.ds.query(`SELECT id, org_unit_id FROM campaign ORDER BY id LIMIT 1`);

    // The office drafts version 2 of the city's EP-NEW split (东湖区 +100, 西岭区 −100) and submits it to the leadership.
    const office = { Authorization: `Bearer ${await server.api.login('office', DEMO_PASSWORD)}` };
    const lines: { childUnitId: number; code: string; target: string; deadline: string; taskId: number }[] = await server.api.ds.query(
      `SELECT l.child_unit_id AS "childUnitId", u.code, l.target::int::text AS target, to_char(l.deadline, 'YYYY-MM-DD') AS deadline, p.id AS "taskId"
         FROM task p JOIN indicator i ON i.id = p.indicator_id JOIN allocation a ON a.parent_task_id = p.id AND a.status = 'approved'
         JOIN allocation_line l ON l.allocation_id = a.id JOIN org_unit u ON u.id = l.child_unit_id
        WHERE p.campaign_id = $1 AND p.parent_task_id IS NULL AND i.code = 'EP-NEW' ORDER BY u.code`,
      [campaignId],
    );
    const shift: Record<string, number> = { DH: 100, XL: -100 };
    const draft = await server.api
      .http()
      .post('/api/allocations')
      .set(office)
      .send({
        parentTaskId: lines[0].taskId,
        lines: lines.map((l) => ({ childUnitId: l.childUnitId, target: Number(l.target) + (shift[l.code] ?? 0), deadline: l.deadline })),
      });
    expect(draft.status).toBe(201);
    allocationId = draft.body.id;
    expect((await server.api.http().post(`/api/allocations/${allocationId}/submit`).set(office).send({})).status).toBe(200);

    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the city’s figures per indicator and drills down to a district and a town, and back up', async () => {
    const dash = await server.api.http().get('/api/dashboards').query({ campaignId, unitId: city }).set(auth);
    expect(dash.status).toBe(200);
    const ep = dash.body.indicators.find((i: { code: string }) => i.code === 'EP-NEW');
    const dh = ep.rows.find((r: { code: string }) => r.code === 'DH');

    await loginAs(page, server.url, 'leader');
    const card = page.getByTestId('indicator-EP-NEW');
    await textMatching(card.getByTestId('indicator-actual'), new RegExp(`^${people(ep.total.actual)}$`));
    await visible(card.getByText(`目标 ${people(ep.total.target)}`));
    await visible(card.getByText(`${ep.total.ratePct}%`));
    await visible(page.getByText(`序时进度 ${dash.body.expectedPct}%`).first());
    // the district rows of the first indicator, coloured by status; the alert points to the split awaiting approval
    const dhRow = page.locator('.ant-table-row').filter({ hasText: '东湖区' }).first();
    await visible(dhRow.getByText(people(dh.actual)));
    await visible(page.getByText('有 1 个任务分解方案等待审批'));
    await visible(page.locator('.echarts-for-react canvas'));
    await visible(page.getByTestId('latest-bulletins').getByRole('button', { name: /下\s*载/ }));
    await textMatching(page.getByTestId('overdue-tasks'), /\d+ 项/); // villages' and towns' deadlines are past
    await screenshot(page, 'leader-home');

    // 东湖区 → its towns
    await dhRow.getByText('东湖区').click();
    await textMatching(page.getByTestId('unit-trail'), /东湖区/);
    const town = await server.api.http().get('/api/dashboards').query({ campaignId, unitId: dh.unitId }).set(auth);
    const lj = town.body.indicators.find((i: { code: string }) => i.code === 'EP-NEW').rows.find((r: { name: string }) => r.name === '临江街道');
    const ljRow = page.locator('.ant-table-row').filter({ hasText: '临江街道' }).first();
    await visible(ljRow.getByText(people(lj.actual)));
    // 临江街道 → its villages
    await ljRow.getByText('临江街道').click();
    await textMatching(page.getByTestId('unit-trail'), /东湖区\s*\/\s*临江街道/);
    await visible(page.locator('.ant-table-row').filter({ hasText: '红星村' }).first());
    expect(page.url()).toContain(`unitId=${lj.unitId}`);
    await screenshot(page, 'leader-home-town');
    // the breadcrumb goes back up to the city
    await page.getByTestId('unit-trail').getByText('东湖区').click();
    await visible(page.locator('.ant-table-row').filter({ hasText: '临江街道' }).first());
    await page.getByTestId('unit-trail').locator('a').first().click();
    await visible(page.locator('.ant-table-row').filter({ hasText: '南川县' }).first());

    // on a phone the same home, one column
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(server.url);
    await visible(phone.getByTestId('indicator-EP-NEW'));
    await visible(phone.locator('.ant-table-row').first());
    await screenshot(phone, 'leader-home-phone');
    await phone.close();
  });

  it('ranks the districts and downloads the ranking as XLSX', async () => {
    await page.getByRole('menuitem', { name: '进度排名' }).click();
    const ranking = await server.api.http().get('/api/rankings').query({ campaignId, unitId: city }).set(auth);
    const first = ranking.body.indicators.find((i: { code: string }) => i.code === 'EP-NEW').rows[0];
    const table = page.getByTestId('ranking-EP-NEW');
    await textMatching(table.locator('.ant-table-row').first(), new RegExp(`^1\\s+${first.name}`));
    await screenshot(page, 'leader-ranking');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载排名表' }).click()]);
    expect(download.suggestedFilename()).toMatch(/完成情况排名表（\d{4}-\d{2}-\d{2}）\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    // the first ranked district on the indicator's sheet, its completion rate a number cell with two decimals and %
    const epNew = ranking.body.indicators.find((i: { code: string }) => i.code === 'EP-NEW');
    const sheet = wb.worksheets.find((w) => String(w.getCell('A1').value).startsWith(`${epNew.name}完成情况排名`))!;
    expect(sheet.getCell('A3').value).toBe('序号');
    expect([sheet.getCell('A4').value, sheet.getCell('B4').value]).toEqual([1, first.name]);
    expect(typeof sheet.getCell('E4').value).toBe('number');
    expect(sheet.getCell('E4').numFmt).toBe('0.00%');

    // one indicator only, kept in the URL
    await page.locator('.ant-select[aria-label="指标"]').click();
    await page.locator('.ant-select-item-option[title="基本医疗保险参保率"]').click();
    await visible(page.getByTestId('ranking-MED-COV'));
    await page.getByTestId('ranking-EP-NEW').waitFor({ state: 'detached' }); // the other indicators leave once the filtered answer is in
    expect(page.url()).toMatch(/indicatorId=\d+/);

    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(`${server.url}/progress/ranking`);
    await visible(phone.getByTestId('ranking-EP-NEW').locator('.ant-table-row'));
    await screenshot(phone, 'leader-ranking-phone');
    await phone.close();
  });

  it('offers the decision to a deputy (副组长) and the queue read-only to a plain member (成员), saying who decides', async () => {
    for (const [user, decides] of [
      ['deputy', true],
      ['member', false],
    ] as const) {
      // one browser profile holds one session: each login replaces the last (the leader logs in again below)
      const other = page;
      await loginAs(other, server.url, user);
      await other.goto(`${server.url}/approvals`);
      const row = other.locator('.ant-table-row').filter({ hasText: '第2版' });
      await visible(row.getByText('待审批'));
      await row.getByRole('button', { name: decides ? /审\s*核/ : /查\s*看/ }).click();
      const drawer = other.getByTestId('approval-drawer');
      await visible(drawer.getByText('与第1版（已批准）对比'));
      if (decides) {
        await visible(drawer.getByRole('button', { name: /批\s*准/ }));
        await visible(drawer.getByRole('button', { name: /退\s*回/ }));
      } else {
        await textMatching(drawer.getByTestId('decision-note'), /^分解方案由领导小组组长、副组长批准或退回（.+），您可以查看审批队列和方案内容。$/);
        expect(await drawer.getByRole('button', { name: /批\s*准|退\s*回/ }).count()).toBe(0);
        await screenshot(other, 'member-approval-read-only');
      }
    }
    await loginAs(page, server.url, 'leader');
  });

  it('compares the submitted split with the approved one and rejects it with a reason: it leaves the queue', async () => {
    await page.getByRole('menuitem', { name: '分解审批' }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: '第2版' });
    await visible(row.getByText('待审批'));
    await row.getByRole('button', { name: /审\s*核/ }).click();

    const drawer = page.getByTestId('approval-drawer');
    await visible(drawer.getByText('与第1版（已批准）对比'));
    // 东湖区 +100, 西岭区 −100: the lines still add up to the city's 8,000
    const lines = drawer.getByTestId('compare-lines');
    await visible(lines.locator('.ant-table-row').filter({ hasText: '东湖区' }).getByText('+100人'));
    await visible(lines.locator('.ant-table-row').filter({ hasText: '西岭区' }).getByText('-100人'));
    await visible(lines.locator('.ant-table-row').filter({ hasText: '南川县' }).getByText('未变'));
    await textMatching(drawer.getByTestId('sum-check'), /各单位合计 8,000人，与上级目标 8,000人 一致/);
    await screenshot(page, 'leader-approval');
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(`${server.url}/approvals?open=${allocationId}`);
    await visible(phone.getByTestId('sum-check'));
    await screenshot(phone, 'leader-approval-phone');
    await phone.close();

    await drawer.getByRole('button', { name: /退\s*回/ }).click();
    const dialog = page.getByRole('dialog', { name: '退回任务分解方案' });
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await visible(dialog.getByText('请填写退回理由，分解单位将据此修改')); // required, next to the field
    await dialog.getByLabel('退回理由').fill('东湖区目标调增依据不足，请补充说明后重新提交');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await visible(page.getByText('已退回，分解单位会收到退回理由'));
    await visible(page.getByText('没有待审批的分解方案'));
    const [a] = await server.api.ds.query(`SELECT status, reject_reason FROM allocation WHERE id = $1`, [allocationId]);
    expect(a).toEqual({ status: 'rejected', reject_reason: '东湖区目标调增依据不足，请补充说明后重新提交' });

    // it is listed under 已退回, and its page shows the reason
    await page.locator('.ant-select[aria-label="状态"]').click();
    await page.locator('.ant-select-item-option[title="已退回"]').click();
    await page.locator('.ant-table-row').filter({ hasText: '第2版' }).click();
    await visible(page.getByTestId('approval-drawer').getByText('东湖区目标调增依据不足，请补充说明后重新提交').first());
    expect(
      await page
        .getByTestId('approval-drawer')
        .getByRole('button', { name: /批\s*准/ })
        .count(),
    ).toBe(0);
  });
});
