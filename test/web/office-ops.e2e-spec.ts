import { ensureAdmin } from '#platform';
import { Page } from 'playwright-core';
import { idNumber } from '../registry/registry-helpers';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/**
 * The office's and admin's screens in a real browser on the demo city: a tree import refused row by row then
 * accepted, a registry import followed to 100 % with its bad rows listed, a user created by the admin, and the
 * audit log showing the imports.
 */
describe('console: organisation, users, registry imports, audit log (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;
  let importId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await ensureAdmin(server.api.ds, server.env.config); // the demo has none; npm start makes it on first start
    page = await browser.page();
    await loginAs(page, server.url, 'office');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const csv = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  const units = async (codes: string[]) =>
    (await server.api.ds.query(`SELECT code FROM org_unit WHERE code = ANY($1) ORDER BY code`, [codes])).map((r: { code: string }) => r.code);

  it('imports a tree file: a bad row is shown against the file and nothing is stored, then the fixed file lands', async () => {
    await page.goto(`${server.url}/org`);
    await visible(page.getByTestId('unit-detail').getByText('云帆市'));
    await page.getByRole('button', { name: '导入组织树' }).click();
    const dialog = page.getByRole('dialog', { name: '导入组织树' });
    const header = 'code,name,level,parent_code';
    await dialog
      .locator('input[type=file]')
      .setInputFiles(csv('新区-有误.csv', [header, 'E2E-D,测试新区,district,YB', 'E2E-T,测试街道,town,E2E-D', 'E2E-V,测试村,village,NOPE']));
    const errors = dialog.getByTestId('tree-import-errors');
    await visible(errors.getByText('文件“新区-有误.csv”未导入'));
    const row = errors.locator('.ant-table-row').first();
    expect(await row.locator('td').allInnerTexts()).toEqual(['4', '上级代码', '上级代码 NOPE 不存在']);
    expect(await errors.locator('.ant-table-row').count()).toBe(1);
    expect(await units(['E2E-D', 'E2E-T', 'E2E-V'])).toEqual([]); // nothing stored
    await screenshot(page, 'office-tree-import-errors');

    await dialog.locator('input[type=file]').setInputFiles(csv('新区.csv', [header, 'E2E-D,测试新区,district,YB', 'E2E-T,测试街道,town,E2E-D']));
    await visible(dialog.getByText('已导入 2 个单位'));
    expect(await units(['E2E-D', 'E2E-T'])).toEqual(['E2E-D', 'E2E-T']);
    await dialog.getByRole('button', { name: /关\s*闭/ }).click();
    // the new district is in the tree under the city
    await visible(page.getByTestId('org-tree').getByText('测试新区'));
    await page.getByTestId('org-tree').getByText('测试新区').click();
    await visible(page.getByTestId('unit-detail').getByText('E2E-D'));
    await screenshot(page, 'office-org');
  });

  it('imports a registry file: the progress reaches 100 % and the 2 bad rows are listed', async () => {
    await page.goto(`${server.url}/registry/imports`);
    await page.getByLabel('扩面活动').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    const file = csv('临江名册.csv', [
      'idNumber,name,phone,villageCode,group',
      `${idNumber('19850315', 11)},张三,13800001111,DH01001,other`,
      `${idNumber('19900101', 23)},李四,,DH01002,freelancer`,
      `${idNumber('19900101', 23).slice(0, 17)}X,王五,,DH01001,other`, // wrong check character
      `${idNumber('19780808', 35)},赵六,,DH01001,`, // no group
    ]);
    await page.locator('input[type=file]').setInputFiles(file);
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/registry-imports') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '上传并导入' }).click();
    const res = await posted;
    expect(res.status()).toBe(202);
    importId = (await res.json()).id;

    const progress = page.getByTestId('import-progress');
    await progress.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 20_000 });
    await textMatching(progress.getByTestId('import-progress-text'), /^导入完成：共 4行，新增 2条，更新 0条，有误 2行$/, 20_000);
    expect(await progress.locator('.ant-progress').getAttribute('class')).toContain('ant-progress-status-success');
    const bad = progress.getByTestId('import-errors').locator('.ant-table-row');
    await visible(bad);
    expect(await bad.count()).toBe(2);
    expect(await bad.nth(0).locator('td').allInnerTexts()).toEqual(['4', '身份证号码', '身份证号码校验码错误']);
    expect(await bad.nth(1).locator('td').allInnerTexts()).toEqual(['5', '人员类别', '人员类别必填']);

    // the download is the API's CSV of those rows
    const download = page.waitForEvent('download');
    await progress.getByRole('button', { name: '下载有误的行' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`名册导入${importId}有误行.csv`);
    // and the import is listed among the past ones, with who uploaded it; 我上传的 keeps it
    await visible(page.locator('.ant-table-row', { hasText: '临江名册.csv' }));
    await page.getByTestId('imports-whose').getByText('我上传的').click();
    await page.waitForURL(/whose=mine/);
    await visible(page.locator('.ant-table-row', { hasText: '临江名册.csv' }));
    // the template is the API's XLSX with its notes sheet
    const template = page.waitForEvent('download');
    await page.getByTestId('import-template').click();
    expect((await template).suggestedFilename()).toBe('人员名册导入模板.xlsx');
    await screenshot(page, 'office-registry-import');
  });

  it('the audit log shows both imports', async () => {
    await page.goto(`${server.url}/audit?action=registry.import`);
    const row = page.locator('.ant-table-row', { hasText: '导入名册' }).first();
    await visible(row);
    expect(await row.innerText()).toContain(`#${importId}`);
    expect(await row.innerText()).toContain('office');
    // the counts inline, every recorded value on demand
    expect(await row.innerText()).toContain('bad：2');
    await row.getByText(/查看全部 \d+ 项/).click();
    await visible(page.locator('.ant-popover').getByText('fileName：临江名册.csv'));
    await page.goto(`${server.url}/audit?action=import`);
    await visible(page.locator('.ant-table-row', { hasText: '导入组织树' }).filter({ hasText: '新区.csv' }));
    await screenshot(page, 'office-audit');
  });

  it('the admin creates a user with a role and a unit', async () => {
    await page.evaluate('localStorage.clear()');
    await loginAs(page, server.url, 'admin', server.env.config.adminPassword);
    await page.goto(`${server.url}/org/users`);
    await visible(page.locator('.ant-table-row', { hasText: 'office' }));
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('e2e_cadre');
    await dialog.getByLabel('姓名').fill('测试干部');
    await dialog.getByLabel('手机号码').fill('13912345678');
    await dialog.getByLabel('所属单位').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: '云帆市' }).click();
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '包村干部' }).click();
    await dialog.getByText('初始密码', { exact: true }).click(); // a multiple select stays open after a pick (Escape would close the dialog if it had already shut)
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' }); // the tree and the role picker may leave together
    await dialog.getByLabel('初始密码').fill('Short1!');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    // the API's policy message, next to the password
    await visible(dialog.locator('.ant-form-item-has-error').filter({ has: page.getByLabel('初始密码') }));
    await dialog.getByLabel('初始密码').fill('Linjiang-2026x');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await visible(page.getByText('已创建用户 e2e_cadre'));
    const row = page.locator('.ant-table-row', { hasText: 'e2e_cadre' });
    await visible(row);
    expect(await row.innerText()).toContain('139****5678');
    expect(await row.innerText()).toContain('包村干部');
    const [u] = await server.api.ds.query(
      `SELECT u.roles, o.code, u.must_change_password FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id WHERE u.username = 'e2e_cadre'`,
    );
    expect(u).toEqual({ roles: ['cadre'], code: 'YB', must_change_password: true });
    await screenshot(page, 'admin-users');
  });

  it('the admin sorts the users by a column header on the server', async () => {
    await page.goto(`${server.url}/org/users`);
    await visible(page.locator('.ant-table-row').first());
    const firstPage = async (order: 'ASC' | 'DESC') =>
      (await server.api.ds.query(`SELECT username FROM app_user ORDER BY username ${order} LIMIT 20`)).map((r: { username: string }) => r.username);
    const shown = async () => page.locator('.ant-table-tbody .ant-table-row td:first-child').allInnerTexts();
    const header = page.locator('.ant-table-thead th', { hasText: '用户名' });
    for (const order of ['asc', 'desc'] as const) {
      const [req] = await Promise.all([page.waitForRequest((r) => r.url().includes('/api/users?') && r.url().includes('sort=username')), header.click()]);
      expect(new URL(req.url()).searchParams.get('order')).toBe(order);
      await page.waitForURL((u) => u.searchParams.get('order') === order);
      const want = await firstPage(order === 'asc' ? 'ASC' : 'DESC');
      await visible(page.locator('.ant-table-tbody .ant-table-row').first().locator('td').first().getByText(want[0], { exact: true }));
      expect(await shown()).toEqual(want);
    }
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await screenshot(page, 'admin-users-sorted');
  });

  it('the admin opens the queue dashboard in a new tab: the console sets its cookie first', async () => {
    await page.goto(`${server.url}/org/users`);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: /队列监控/ }).click()]);
    await tab.waitForURL((u) => u.pathname.startsWith('/api/admin/queues'));
    await visible(tab.getByText('imports', { exact: true }).first());
    await screenshot(tab, 'admin-queue-board');
    await tab.close();
  });

  it('the screens fit a phone', async () => {
    const phone = await launchBrowser({ width: 375, height: 800 });
    try {
      const p = await phone.page();
      await loginAs(p, server.url, 'office');
      await p.goto(`${server.url}/org`);
      await visible(p.getByTestId('unit-detail'));
      await screenshot(p, 'office-org-375');
      await p.goto(`${server.url}/registry/imports?import=${importId}`);
      await visible(p.getByTestId('import-errors'));
      await screenshot(p, 'office-registry-import-375');
      await p.goto(`${server.url}/audit`);
      await visible(p.locator('.ant-table-row').first());
      await screenshot(p, 'office-audit-375');
    } finally {
      await phone.close();
    }
  });
});
