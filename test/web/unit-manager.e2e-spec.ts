import { Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

// The demo reports every leaf task biweekly from 1 Jan (15 Jan, 29 Jan, ..., 18 Jun, 2 Jul, ...): a report for 20 Jun
// lies between two demo figures, on whatever day the suite runs.
const AS_OF = '2026-06-20';

/** The village head of the demo city (its tasks are the leaves: the ones reported) in a real browser against the real API and worker. */
describe('console: unit manager screens (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let village: number;
  /** By indicator code: the task of the village, and its demo figures before and after AS_OF. */
  const tasks: Record<string, { id: number; beforeOn: string; before: string; after: string; den: string | null }> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    server.env.clock.set(`${AS_OF}T04:00:00Z`); // noon in Beijing
    page = await browser.page();
    [{ id: village }] = await server.api.ds.query(`SELECT id FROM org_unit WHERE code = 'DH01001'`);
    const rows = await server.api.ds.query(
      `SELECT i.code, t.id, to_char(b.as_of, 'YYYY-MM-DD') AS before_on, b.actual::text AS before, a.actual::text AS after, a.denominator::text AS den
         FROM task t JOIN indicator i ON i.id = t.indicator_id
         JOIN LATERAL (SELECT actual, as_of FROM progress_report WHERE task_id = t.id AND as_of < $2 ORDER BY as_of DESC LIMIT 1) b ON true
         JOIN LATERAL (SELECT actual, denominator FROM progress_report WHERE task_id = t.id AND as_of > $2 ORDER BY as_of LIMIT 1) a ON true
        WHERE t.holder_unit_id = $1`,
      [village, AS_OF],
    );
    for (const r of rows)
      tasks[r.code] = { id: r.id, beforeOn: r.before_on, before: r.before, after: String(Number(r.after)), den: r.den === null ? null : String(Number(r.den)) };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const reportsOn = async (): Promise<{ task_id: number; actual: string; denominator: string | null }[]> =>
    server.api.ds.query(`SELECT task_id, actual::text, denominator::text FROM progress_report WHERE as_of = $1 AND task_id = ANY($2::int[]) ORDER BY task_id`, [
      AS_OF,
      Object.values(tasks).map((t) => t.id),
    ]);
  const field = (label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });

  it('reports every indicator for a date in one form: a bad row is named next to its input and nothing is stored, then all are', async () => {
    expect(Object.keys(tasks).sort()).toEqual(['EP-NEW', 'MED-COV', 'RP-RENEW']);
    await loginAs(page, server.url, 'dh01001_manager');
    await visible(page.getByTestId('home-unit'));
    await page.getByRole('button', { name: '上报本单位进度' }).click();
    await visible(page.getByTestId('report-page'));
    await visible(page.getByLabel('企业职工基本养老保险新增参保人数累计完成数'));
    const date = page.getByLabel('截至日期');
    await date.click();
    await date.fill(AS_OF);
    await date.press('Enter');

    const ep = tasks['EP-NEW'];
    const rp = tasks['RP-RENEW'];
    const med = tasks['MED-COV'];
    await page.getByLabel('企业职工基本养老保险新增参保人数累计完成数').fill(ep.after);
    // lower than the 11 Jun figure without a reason: refused
    await page.getByLabel('城乡居民基本养老保险续缴人数累计完成数').fill(String(Number(rp.before) - 1));
    await page.getByLabel('基本医疗保险参保率分子').fill(med.after);
    await page.getByLabel('基本医疗保险参保率分母').fill(med.den!);
    await screenshot(page, 'unit-report-filled');
    await page.getByRole('button', { name: '提交上报' }).click();
    await visible(field('城乡居民基本养老保险续缴人数累计完成数').getByText(`低于 ${rp.beforeOn} 的上报数 ${rp.before}，须填写更正原因`, { exact: false }));
    expect(await field('企业职工基本养老保险新增参保人数累计完成数').locator('.ant-form-item-explain-error').count()).toBe(0);
    await screenshot(page, 'unit-report-error');
    expect(await reportsOn()).toEqual([]);

    await page.getByLabel('城乡居民基本养老保险续缴人数累计完成数').fill(rp.after);
    await page.getByRole('button', { name: '提交上报' }).click();
    await textMatching(page.getByTestId('report-done'), new RegExp(`已保存 3 项指标截至 ${AS_OF}`));
    const stored = await reportsOn();
    expect(stored.map((r) => [r.task_id, String(Number(r.actual)), r.denominator === null ? null : String(Number(r.denominator))])).toEqual(
      [
        [ep.id, ep.after, null],
        [rp.id, rp.after, null],
        [med.id, med.after, med.den],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });

  it('uploads a progress table: each bad row shown beside its values, nothing stored; then a rate alone (按比率填报) stored', async () => {
    const [{ name }] = await server.api.ds.query(`SELECT name FROM org_unit WHERE id = $1`, [village]);
    const med = tasks['MED-COV'];
    const card = page.getByTestId('report-upload');
    await card.scrollIntoViewIfNeeded();
    await page.getByRole('combobox', { name: '进度表指标' }).click();
    await page.locator('.ant-select-item-option', { hasText: '基本医疗保险参保率' }).click();
    const date = page.getByLabel('进度表日期');
    await date.click();
    await date.fill(AS_OF);
    await date.press('Enter');
    const input = card.locator('input[type=file]');
    await input.setInputFiles({
      name: '进度表.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`单位,参保率（%）,原因\n${name},97.5%,按医保系统比率更正\n不存在村,96%,\n`),
    });
    const preview = page.getByTestId('upload-preview');
    await textMatching(preview, /共 2 行，其中 1 行有误/);
    await visible(preview.getByText('在您的管辖范围内找不到名为「不存在村」的单位', { exact: false }));
    await visible(preview.locator('tr', { hasText: name }).getByText('按比率填报'));
    expect(await preview.getByRole('button', { name: /确认保存/ }).isDisabled()).toBe(true);
    await screenshot(page, 'unit-report-upload-errors');

    await input.setInputFiles({ name: '进度表.csv', mimeType: 'text/csv', buffer: Buffer.from(`单位,参保率（%）,原因\n${name},97.5%,按医保系统比率更正\n`) });
    await textMatching(preview, /共 1 行，检查无误/);
    await preview.getByRole('button', { name: /确认保存 1 行/ }).click();
    await textMatching(page.getByTestId('upload-done'), new RegExp(`已保存 1 行截至 ${AS_OF}`));
    const [last] = await server.api.ds.query(`SELECT rate_only, rate::text, reason FROM progress_report WHERE task_id = $1 ORDER BY id DESC LIMIT 1`, [med.id]);
    expect(last).toEqual({ rate_only: true, rate: '97.5', reason: '按医保系统比率更正' });
    await screenshot(page, 'unit-report-upload-done');
  });

  it('shows the figures just reported on the home page, with the milestones and the countdown', async () => {
    await page.getByRole('menuitem', { name: '工作台' }).click();
    const row = page.getByTestId('my-tasks').locator('tr', { hasText: '企业职工基本养老保险新增参保人数' });
    const ep = tasks['EP-NEW'];
    await textMatching(row, new RegExp(`${Number(ep.after).toLocaleString('en-US')}人`));
    // the countdown to 31 Oct, or, for a task already met, its deadline and status
    await textMatching(row.getByTestId('deadline'), /剩 \d+ 天|今天截止|已逾期 \d+ 天|2026-10-31\s+已完成/);
    await visible(row.getByTestId('milestones'));
    await screenshot(page, 'unit-home-dh01001_manager');
    await page.getByRole('link', { name: '企业职工基本养老保险新增参保人数' }).first().click();
    await visible(page.getByTestId('task-detail'));
    await visible(page.getByTestId('split-editor'));
    await screenshot(page, 'unit-task-detail');
  });

  it('assigns two registry entries to a cadre chosen from the cadres of the unit', async () => {
    const [cadre] = await server.api.ds.query(`SELECT id FROM app_user WHERE username = 'cadre'`);
    // three of the village's people lose their cadre, so that the manager has something to assign
    const freed: { id: string }[] = await server.api.ds.query(`SELECT id::text FROM registry_person WHERE org_unit_id = $1 ORDER BY id LIMIT 3`, [village]);
    await server.api.ds.query(`UPDATE registry_person SET cadre_id = NULL WHERE id = ANY($1::bigint[])`, [freed.map((f) => f.id)]);
    await page.goto(`${server.url}/registry/assign?assigned=no`);
    await visible(page.getByTestId('assign-page'));
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await textMatching(page.locator('.ant-pagination-total-text'), /共 3 条/);
    await rows.nth(0).locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    await page.getByRole('combobox', { name: '选择包村干部' }).click();
    await page.locator('.ant-select-item-option', { hasText: '吴明' }).click();
    await screenshot(page, 'unit-assign');
    await page.getByRole('button', { name: '分配给干部' }).click();
    await visible(page.getByText('已分配 2 条给 吴明'));
    await textMatching(page.locator('.ant-pagination-total-text'), /共 1 条/);
    const after: { cadre_id: number | null }[] = await server.api.ds.query(`SELECT cadre_id FROM registry_person WHERE id = ANY($1::bigint[]) ORDER BY id`, [
      freed.map((f) => f.id),
    ]);
    expect(after.filter((a) => a.cadre_id === cadre.id)).toHaveLength(2);
    expect(after.filter((a) => a.cadre_id === null)).toHaveLength(1);
  });

  it('shows investigation progress, and the screens on a phone', async () => {
    await page.goto(`${server.url}/registry/investigation`);
    await visible(page.getByTestId('investigation-page'));
    await visible(page.getByText('合计'));
    await screenshot(page, 'unit-investigation');
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    for (const [path, testId, name] of [
      ['/', 'home-unit', 'phone-unit-home'],
      ['/progress/report', 'report-page', 'phone-unit-report'],
      ['/registry/assign', 'assign-page', 'phone-unit-assign'],
      [`/tasks/${tasks['EP-NEW'].id}`, 'task-detail', 'phone-unit-task'],
    ]) {
      await phone.goto(`${server.url}${path}`);
      await visible(phone.getByTestId(testId));
      await screenshot(phone, name);
    }
    await phone.close();
  });
});
