import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Page } from 'playwright-core';
import { isA4, launchBrowser, pdfPages, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';
import { waitFor } from '../helpers/test-app';

/** A port nobody listens on now: the API takes it, so the worker's fake SMS gateway can post delivery reports to it. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

/** Buttons of two Chinese characters get a space between them from antd ("查 看"). */
const btn = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/**
 * The office's progress, enforcement and reminder screens in a real browser against the real API and worker on
 * the demo city: a bulletin issued and downloaded, a settlement reviewed, recomputed and confirmed, a key-inspection
 * list reviewed (an entry removed with a reason) and dispatched, a reminder round planned and started with its
 * delivery totals moving, and the demo round's failed messages resent.
 */
// each step waits on the worker and a browser that share two cores with other suites: 30 s a test is too tight under load

describe('console: the office issues bulletins, settles, reviews key-inspection lists and runs reminder rounds (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let campaignId: number;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => server.api.ds.query(sql, params);

  /** Screenshots of the screen at desktop and phone widths (test-output/screenshots, git-ignored). */
  const shots = async (name: string) => {
    await screenshot(page, `office-${name}-1280`);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, `office-${name}-375`);
    await page.setViewportSize({ width: 1280, height: 800 });
  };

  /** Closes the drawer open now, by its close button. */
  const closeDrawer = async () => {
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ PORT: String(await freePort()) }), launchBrowser()]);
    [{ id: campaignId }] = await q<{ id: number }>(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    // Two employers the demo has not visited refuse three times before the 20 September cutoff (the demo's own
    // refusing employers are in open cases since the 10 September list, so they are no candidates any more).
    const fresh = await q<{ id: number }>(
      `SELECT e.id::int FROM registry_employer e
        WHERE e.campaign_id = $1 AND e.status <> 'enrolled'
          AND NOT EXISTS (SELECT 1 FROM registry_visit v WHERE v.employer_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM inspection_case c WHERE c.employer_id = e.id)
        ORDER BY e.id LIMIT 2`,
      [campaignId],
    );
    expect(fresh).toHaveLength(2);
    const [{ id: office }] = await q<{ id: number }>(`SELECT id FROM app_user WHERE username = 'office'`);
    for (const e of fresh)
      for (const day of ['12', '13', '14'])
        await q(
          `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome)
           SELECT campaign_id, id, org_unit_path, $2, $3, 'door_to_door', 'refused' FROM registry_employer WHERE id = $1`,
          [e.id, office, `2026-09-${day}T02:00:00Z`],
        );
    // 10:00 in China on a Wednesday in November: past the September cutoffs, outside the SMS quiet hours
    server.env.clock.set('2026-11-25T02:00:00Z');
    page = await browser.page();
    await loginAs(page, server.url, 'office');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('issues a bulletin of a cadence for today, follows the job until it is generated, and downloads the XLSX and the PDF', async () => {
    // the demo issues every two weeks, up to the real today (after the clock's 25 Nov: that period has its bulletin);
    // the office adds the monthly series once the worker's start-up pass is done, and issues November's on the 25th
    await waitFor(async () => (await q(`SELECT 1 FROM outbox WHERE job_name = 'progress.reconcile' AND done_at IS NOT NULL`)).length > 0, 30000);
    await q(`UPDATE campaign SET settings = jsonb_set(settings, '{progress,bulletinCadences}', '["biweekly","monthly"]') WHERE id = $1`, [campaignId]);
    await page.getByRole('menuitem', { name: '进度通报' }).click();
    await page.waitForURL(/\/progress\/bulletins/);
    await visible(page.getByRole('cell', { name: /^2026-/ })); // the demo's latest bulletin
    await visible(page.getByRole('cell', { name: /^第\d+期$/ }));
    await shots('bulletins');

    await page.getByRole('button', { name: '编发通报' }).click();
    await visible(page.getByRole('dialog').getByText('双周'));
    await page.getByRole('dialog').locator('.ant-select-selector').click(); // the dialog's one select: 通报周期
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '月度' }).click();
    await page.getByRole('button', { name: '生成通报' }).click();
    // January to October are issued first (第1期 to 第10期): November's is 第11期, with the figures of the 25th
    await visible(page.getByText('2026-11-25 的月度通报已生成（第11期）'));
    const rows = await q<{ n: number; period: string }>(
      `SELECT issue_no AS n, to_char(period_end, 'YYYY-MM-DD') AS period FROM bulletin WHERE bulletin_date = '2026-11-25' AND trigger = 'manual'`,
    );
    expect(rows).toEqual([{ n: 11, period: '2026-11-30' }]);
    const printing = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('button', { name: '下载 PDF' }).click();
    const pdf = await printing;
    expect(pdf.suggestedFilename()).toMatch(/^.+月度进度通报第11期（2026-11-25）\.pdf$/);
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdfBytes).every(isA4)).toBe(true);
    const downloading = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('button', { name: '下载 XLSX' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    await page.getByRole('button', { name: '查看通报' }).click();
    await visible(page.getByRole('dialog').getByText('序时进度'));
    await visible(page.getByRole('dialog').getByText(/社会保险扩面征缴工作领导小组办公室$/));
    await visible(
      page
        .getByRole('dialog')
        .getByTestId('bulletin-sentence')
        .getByText(/^截至2026年11月25日，/),
    );
    await shots('bulletin-detail');
    await closeDrawer();
  });

  it('settles the campaign unit’s count task, reviews its lines, recomputes and confirms it', async () => {
    // the worker may have settled tasks whose deadline passed meanwhile: the list need not be empty
    const listed = page.waitForResponse((r) => r.url().includes('/api/settlements?') && r.ok());
    await page.getByRole('menuitem', { name: '奖惩结算' }).click();
    await page.waitForURL(/\/progress\/settlements/);
    await listed;
    await page.getByRole('button', { name: '发起结算' }).click();
    await page.getByLabel('结算的任务').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByRole('button', { name: '计算结算' }).click();
    // the new settlement opens: its lines with tiers and amounts
    const drawer = page.locator('.ant-drawer-open .ant-drawer-content');
    await visible(drawer.getByText('草稿（待确认）'));
    await visible(drawer.locator('.ant-table-row').first());
    await drawer.getByRole('button', { name: '重新计算' }).click();
    await visible(page.getByText('已按最新进度重新计算'));
    await shots('settlement-detail');
    await drawer.getByRole('button', { name: '确认结算' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认结算' }).click();
    await visible(drawer.getByText('已确认'));
    expect(await drawer.getByRole('button', { name: '重新计算' }).count()).toBe(0);
    // settled as of today (the task's deadline is later), by the office
    const made = await q<{ state: string }>(`SELECT state FROM settlement WHERE period = '2026-11-25' AND computed_by IS NOT NULL`);
    expect(made).toEqual([{ state: 'confirmed' }]);
    await closeDrawer();
    await visible(page.locator('.ant-table-row').filter({ hasText: '已确认' }));
    // sorted and filtered on the server: the sorter and the state filter go into the API query
    const sorted = page.waitForResponse((r) => r.url().includes('/api/settlements?') && r.url().includes('sort=reward') && r.ok());
    await page.getByRole('columnheader', { name: '奖励合计' }).click();
    await sorted;
    const confirmed = page.waitForResponse((r) => r.url().includes('/api/settlements?') && r.url().includes('state=confirmed') && r.ok());
    await page.getByRole('combobox', { name: '结算状态' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已确认' }).click();
    expect((await (await confirmed).json()).items.every((x: { state: string }) => x.state === 'confirmed')).toBe(true);
    await shots('settlements');
  });

  it('opens 进度与通报: the campaign’s indicators for the office’s unit, a drill-down to a district, and the latest bulletins', async () => {
    const answered = page.waitForResponse((r) => r.url().includes('/api/dashboards?') && r.ok());
    await page.getByRole('menuitem', { name: '进度与通报' }).click();
    await page.waitForURL(/\/progress(\?|$)/);
    const dash = await (await answered).json();
    const overview = page.getByTestId('progress-overview');
    await textMatching(overview.getByTestId('expected-line'), new RegExp(`序时进度 ${dash.expectedPct}%$`));
    const first = dash.indicators[0];
    const card = overview.getByTestId(`indicator-${first.code}`);
    await visible(card.getByText(`${first.total.ratePct}%`));
    await visible(card.getByText(new RegExp(`^序时进度 ${first.total.expectedPct}%`)));
    // one row per district with its own completion (the unit table, not the unreported or forecast cards' tables);
    // the bulletin issued above is the newest, with its download
    const rows = overview.getByTestId('unit-rows').locator('.ant-table-row');
    expect(await rows.count()).toBe(first.rows.length);
    await visible(rows.first().getByText(first.rows[0].name));
    await visible(page.getByTestId('latest-bulletins').getByText('2026-11-25 进度通报'));
    await shots('progress-overview');

    const drilled = page.waitForResponse((r) => r.url().includes(`unitId=${first.rows[0].unitId}`) && r.url().includes('/api/dashboards?') && r.ok());
    await rows.first().click();
    const below = await (await drilled).json();
    await page.waitForURL(new RegExp(`unitId=${first.rows[0].unitId}`));
    await visible(page.getByTestId('unit-trail').getByText(first.rows[0].name));
    const inner = below.indicators.find((i: { code: string }) => i.code === first.code);
    await visible(overview.getByTestId(`indicator-${first.code}`).getByText(`${inner.total.ratePct}%`));
    expect(inner.total.ratePct).toBe(first.rows[0].ratePct);
    await shots('progress-drilled');
  });

  it('runs the 20 September cutoff, compiles its list, removes an entry with a reason and dispatches the list', async () => {
    await page.getByRole('menuitem', { name: '截止报送' }).click();
    await page.waitForURL(/\/enforcement\/cutoff-runs/);
    await page.getByRole('button', { name: '手动执行截止' }).click();
    const cutoff = page.getByRole('dialog').getByLabel('截止日期');
    await cutoff.fill('2026-09-20');
    await cutoff.press('Tab');
    await page.getByRole('button', { name: btn('执行') }).click();
    // the worker's tick may have run it first: then nothing is run twice
    await visible(page.getByText(/已生成 \d+ 个区县的报送|该截止日已执行过/));
    await page.getByRole('dialog', { name: '手动执行截止报送' }).waitFor({ state: 'hidden' }); // typing below goes to the page, not the closing dialog
    await page.getByPlaceholder('全部截止日').fill('2026-09-20');
    await page.getByPlaceholder('全部截止日').press('Enter');
    await page.keyboard.press('Escape'); // the calendar closes
    await visible(page.getByRole('cell', { name: '2026-09-20' }));
    await shots('cutoff-runs');

    await page.getByRole('button', { name: '汇编该日重点检查名单' }).click();
    await page.waitForURL(/\/enforcement\/lists\?.*list=\d+/);
    const drawer = page.locator('.ant-drawer-open .ant-drawer-content');
    await visible(drawer.getByText('待审核派发'));
    const rows = drawer.locator('.ant-table-row');
    await visible(rows.first());
    const onList = await rows.count();
    expect(onList).toBe(2);
    const first = rows.first();
    const name = (await first.locator('td').first().innerText()).trim();
    await first.getByRole('button', { name: btn('移出') }).click();
    // the reason is required
    await page.getByRole('button', { name: '确认移出' }).click();
    await visible(page.getByText('请填写移出原因'));
    await page.getByLabel('移出原因').fill('已于 11 月 20 日补缴参保');
    await page.getByRole('button', { name: '确认移出' }).click();
    await visible(page.getByText(`已将 ${name} 移出名单`));
    await visible(drawer.getByText('已于 11 月 20 日补缴参保'));
    await shots('inspection-list');

    await drawer.getByRole('button', { name: '派发名单' }).click();
    await page.getByLabel('市劳动保障监察支队').check();
    await page.getByLabel('市社会保险稽核中心').check();
    await page.getByRole('button', { name: '确认派发' }).click();
    await visible(page.getByText('已派发，立案 2 件')); // one employer left on the list, one case per department
    await visible(drawer.getByText('已派发'));
    const [list] = await q<{ status: string; removed: number; reason: string }>(
      `SELECT l.status, count(e.*) FILTER (WHERE e.removed_at IS NOT NULL)::int AS removed, max(e.removal_reason) AS reason
         FROM inspection_list l JOIN inspection_list_entry e ON e.list_id = l.id WHERE l.cutoff_date = '2026-09-20' GROUP BY l.id`,
    );
    expect(list).toEqual({ status: 'dispatched', removed: 1, reason: '已于 11 月 20 日补缴参保' });
    await closeDrawer();
    await shots('inspection-lists');
  });

  it('plans and starts a reminder round and sees its delivery totals move; resends the demo round’s failed messages', async () => {
    await page.getByRole('menuitem', { name: '提醒轮次' }).click();
    await page.waitForURL(/\/notices\/rounds/);
    await visible(page.getByRole('cell', { name: '三月断缴提醒（第一轮）' }));
    await page.getByRole('button', { name: '计划新轮次' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('轮次名称').fill('十一月断缴提醒');
    await dialog.getByLabel('计划发送日期').fill('2026-11-25');
    await dialog.getByLabel('计划发送日期').press('Tab');
    await dialog.getByLabel('缴费标准（元）').fill('3600');
    await dialog.getByLabel('缴费截止日期').fill('2026-12-31');
    await dialog.getByLabel('缴费截止日期').press('Tab');
    await dialog.getByLabel('咨询电话').fill('0571-88886666');
    await dialog.getByRole('button', { name: '预览短信' }).click();
    await visible(dialog.getByTestId('round-preview').getByText(/3600元.*2026年12月31日前续缴/));
    await shots('round-plan');
    await dialog.getByRole('button', { name: '保存计划' }).click();

    const drawer = page.locator('.ant-drawer-open .ant-drawer-content');
    await visible(drawer.getByText('待开始'));
    await drawer.getByRole('button', { name: '开始发送' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '开始发送' }).click();
    // the totals refresh by themselves while the worker sends and the fake gateway reports deliveries
    await textMatching(drawer.getByTestId('total-delivered').locator('.ant-statistic-content-value'), /^[1-9]/, 30_000);
    await textMatching(drawer.getByText(/^(已完成|发送中)$/), /已完成/, 30_000);
    await shots('round-detail');
    const [{ total }] = await q<{ total: number }>(
      `SELECT count(*)::int AS total FROM outreach_message m JOIN reminder_round r ON r.id = m.round_id WHERE r.name = '十一月断缴提醒'`,
    );
    expect(Number((await drawer.getByTestId('total-total').locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''))).toBe(total);
    await closeDrawer();

    // the demo round: one number is 空号 (undeliverable, resent), one is no mobile number at all (permanent)
    await page.getByRole('row').filter({ hasText: '三月断缴提醒（第一轮）' }).getByRole('button', { name: '发送情况' }).click();
    await visible(drawer.getByText('三月断缴提醒（第一轮）').first());
    await drawer.getByRole('button', { name: '重发失败消息' }).click();
    await visible(page.getByText('已重发 1 条，1 条号码无效不再重发'));
    await shots('rounds-resend');
  });

  it('plans reminder rounds ahead (every 4 months) and reads how many reminders each person got this year', async () => {
    await closeDrawer(); // the demo round's, left open by the resend above
    await page.getByRole('tab', { name: '提醒计划' }).click();
    await page.getByRole('button', { name: '新建提醒计划' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('计划名称').fill('断缴人员续保提醒（年内三次）');
    await dialog.getByText('每隔几个月').click();
    await dialog.getByLabel('每隔（月）').fill('4');
    await dialog.getByLabel('首次日期').fill('2026-12-01');
    await dialog.getByLabel('首次日期').press('Tab');
    await dialog.getByLabel('缴费标准（元）').fill('3600');
    await dialog.getByLabel('咨询电话').fill('0571-88886666');
    await dialog.getByRole('button', { name: '保存计划' }).click();
    const row = page.getByRole('row').filter({ hasText: '断缴人员续保提醒（年内三次）' });
    await visible(row.getByText('自 2026-12-01 起每 4 个月'));
    await visible(row.getByText('执行中'));
    const [plan] = await q<{ every_months: number; first_on: string; deadline_days: number }>(
      `SELECT every_months, first_on::text AS first_on, deadline_days FROM reminder_plan WHERE name = '断缴人员续保提醒（年内三次）'`,
    );
    expect(plan).toEqual({ every_months: 4, first_on: '2026-12-01', deadline_days: 30 });
    await shots('reminder-plans');

    await page.getByRole('tab', { name: '提醒次数' }).click();
    await page.getByText('全部人员').click();
    const [{ people }] = await q<{ people: number }>(
      `SELECT count(*)::int AS people FROM registry_person p JOIN campaign c ON c.id = p.campaign_id
        WHERE c.status = 'active' AND p.status NOT IN ('enrolled','insured_elsewhere','deceased','moved_away','not_eligible')
          AND p.campaign_id = (SELECT campaign_id FROM reminder_plan WHERE name = '断缴人员续保提醒（年内三次）')`,
    );
    await visible(page.getByText(`2026 年，共 ${people} 人`));
    await shots('reminder-counts');
  });
});
