import { Locator, Page } from 'playwright-core';
import { idNumber } from '../registry/registry-helpers';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/**
 * The office in a real browser on the demo city: gives a member department a duty on the campaign's 成员单位报送 tab,
 * changes and removes it; runs a land project on /land: creates it, sees its deadline and 逾期, a fund split that does not
 * add up shows the API's message beside 每人金额, a farmer is added and verified.
 */
describe('console: member-department duties and land projects (browser)', () => {
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

  // antd puts a space between the two characters of a two-character Chinese button (新 建)
  const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: new RegExp(`^${[...text].join('\\s?')}$`) });
  // the option typed into the select's search first: its list is virtual, a later option is not rendered until scrolled to
  const choose = async (select: Locator, option: string) => {
    await select.first().click();
    await select.first().fill(option);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  };
  const pickDate = async (input: Locator, date: string) => {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  };

  it('gives a department a duty, changes its due day, removes it', async () => {
    const [c] = await server.api.ds.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
    const [dept] = await server.api.ds.query(
      `SELECT u.name FROM org_unit u JOIN campaign c ON c.id = $1 JOIN org_unit cu ON cu.id = c.org_unit_id
        WHERE u.level = 'agency' AND u.active AND u.path LIKE cu.path || '%' ORDER BY u.id LIMIT 1`,
      [c.id],
    );
    await page.goto(`${server.url}/campaigns/${c.id}?tab=duties`);
    await page.getByRole('button', { name: '登记报送职责' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '登记成员单位报送职责' });
    await choose(modal.getByLabel('成员单位'), dept.name);
    await choose(modal.getByLabel('报送数据'), '出口退税企业信息');
    await modal.getByLabel('每月报送日').fill('15');
    await button(modal, '登记').click();
    // the stored duty's row is the durable sign (the closed modal can stay in the DOM as it animates out)
    await visible(page.getByText('已登记报送职责'));
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '出口退税企业信息' }).filter({ hasText: dept.name });
    await textMatching(row, new RegExp(`${dept.name}[\\s\\S]*出口退税企业信息[\\s\\S]*每月 15 日[\\s\\S]*尚未报送`));

    await button(row, '修改').click();
    const edit = page.locator('.ant-modal').filter({ hasText: '修改报送职责' });
    await edit.getByLabel('每月报送日').fill('20');
    await button(edit, '保存').click();
    await edit.waitFor({ state: 'hidden' });
    await textMatching(row, /每月 20 日/);

    await button(row, '删除').click();
    await button(page.locator('.ant-popconfirm'), '删除').click();
    await visible(page.getByText('已删除报送职责'));
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '出口退税企业信息' }).count()).toBe(0);
  });

  it('runs a land project: deadline and 逾期, a split that does not add up, a farmer verified', async () => {
    await page.goto(`${server.url}/land`);
    await page.getByRole('button', { name: '新建征地项目' }).click();
    const form = page.locator('.ant-modal').filter({ hasText: '新建征地项目' });
    await form.getByLabel('项目名称').fill('城南片区征地项目');
    await pickDate(form.getByLabel('征地补偿安置协议签订日期'), '2026-01-10');
    await form.getByLabel('征地面积（亩）').fill('120.5');
    await form.getByLabel('应到位养老保险补贴资金（元）').fill('12345.67');
    await button(form, '新建').click();

    const drawer = page.locator('.ant-drawer').filter({ hasText: '征地项目：城南片区征地项目' });
    await textMatching(drawer, /核实完成时限\s*2026-02-09（协议后 30 个自然日）/);
    await drawer.getByPlaceholder('姓名').fill('张三');
    await drawer.getByPlaceholder('身份证号码').fill(idNumber('19700101', 11));
    await drawer.getByPlaceholder('村（社区）').fill('城南村');
    await button(drawer, '录入').click();
    const farmer = drawer.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '张三' });
    await textMatching(farmer, /510105\*+\d{3}[\dX][\s\S]*未核实/);
    await screenshot(page, 'office-land-project');
    // a split that does not add up (over the one farmer listed): the API's message beside 每人金额
    await drawer.getByLabel('分解人数').fill('1');
    await drawer.getByLabel('每人金额（元）').fill('12345.66');
    await drawer.getByRole('button', { name: '分解到个人账户' }).click();
    await textMatching(
      drawer.locator('.ant-form-item').filter({ hasText: '每人金额' }).locator('.ant-form-item-explain-error'),
      /1人×每人12345\.66元=12345\.66元，与项目补贴资金12345\.67元不符（少0\.01元），应分毫不差/,
    );
    await drawer.getByLabel('每人金额（元）').fill('12345.67');
    await drawer.getByRole('button', { name: '分解到个人账户' }).click();
    await textMatching(drawer, /1人 × 每人12,345\.67元/);
    await button(farmer, '核实').click();
    await textMatching(farmer, /已核实/);
    await textMatching(drawer, /已核实\s*1\s*\/\s*1\s*人/);

    await drawer.locator('.ant-drawer-close').click();
    const listed = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '城南片区征地项目' });
    await textMatching(listed, /2026-02-09[\s\S]*已核实/);
  });
});
