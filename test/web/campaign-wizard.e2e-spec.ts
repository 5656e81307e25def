import { Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, TestBrowser, textMatching, visible } from './helpers/browser';
import { ConsoleServer, loginAs, startConsoleServer } from './helpers/console-server';

/** The office creates a campaign through the wizard in a real browser against the real API and worker on the demo city. */
describe('console: the campaign wizard and the campaign detail (browser)', () => {
  let server: ConsoleServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The antd Form.Item around a control, for the message shown next to it. */
  const itemOf = (control: Locator, scope: Page | Locator = page) => scope.locator('.ant-form-item').filter({ has: control }).last();
  const pickDate = async (input: Locator, date: string) => {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  };
  const choose = async (select: Locator, option: string) => {
    await select.first().click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  };
  const next = () => page.getByRole('button', { name: '下一步' }).click();

  it('creates a campaign step by step, the errors next to their fields, then sees it in the list and its detail', async () => {
    await loginAs(page, server.url, 'office');
    await page.getByRole('menuitem', { name: '扩面任务' }).click();
    await page.getByRole('button', { name: '新建扩面任务' }).click();
    await page.waitForURL(`${server.url}/campaigns/new`);

    // 1 basics: an end before the start is refused next to the end date, as the clerk picks it
    await page.getByLabel('任务名称').fill('2027年社会保险扩面征缴专项行动');
    await pickDate(page.getByLabel('开始日期'), '2027-01-01');
    await pickDate(page.getByLabel('结束日期'), '2026-12-31');
    await next();
    await visible(itemOf(page.getByLabel('结束日期')).getByText('结束日期不能早于开始日期（2027-01-01）'));
    await screenshot(page, 'wizard-basics-error');
    await pickDate(page.getByLabel('结束日期'), '2027-12-31');
    await next();

    // 2 two phases and a milestone
    await visible(page.getByText('阶段和时间节点都须在任务期（2027-01-01 至 2027-12-31）内'));
    for (const [i, [name, from, to]] of [
      ['动员部署', '2027-01-01', '2027-03-31'],
      ['集中攻坚', '2027-04-01', '2027-12-31'],
    ].entries()) {
      await page.getByRole('button', { name: '添加阶段' }).click();
      await page
        .getByTestId(`phase-${i}`)
        .getByLabel(`阶段 ${i + 1} 名称`)
        .fill(name);
      await pickDate(page.getByLabel(`阶段 ${i + 1} 开始`), from);
      await pickDate(page.getByLabel(`阶段 ${i + 1} 结束`), to);
    }
    await page.getByRole('button', { name: '添加时间节点' }).click();
    await pickDate(page.getByLabel('节点 1 日期'), '2027-06-30');
    await page.getByLabel('节点 1 累计完成').fill('50');
    await screenshot(page, 'wizard-phases');
    await next();

    // 3 a count in 万人 and a rate; the second reuses the first's code, which only the API refuses
    await page.getByRole('button', { name: '添加指标' }).click();
    const first = page.getByTestId('indicator-0');
    await first.getByLabel('指标代码').fill('EP-NEW');
    await first.getByLabel('指标名称').fill('企业职工基本养老保险新增参保人数');
    await choose(first.getByLabel('目标单位'), '万人');
    await first.getByLabel('指标 1 目标').fill('1.2');
    await page.getByRole('button', { name: '添加指标' }).click();
    const second = page.getByTestId('indicator-1');
    await second.getByLabel('指标代码').fill('EP-NEW');
    await second.getByLabel('指标名称').fill('基本医疗保险参保率');
    await choose(second.getByLabel('指标 2 类型'), '比率');
    await choose(second.getByLabel('指标 2 险种'), '基本医疗保险');
    await second.getByLabel('分子名称').fill('参保人数');
    await second.getByLabel('分母名称').fill('户籍人口');
    await second.getByLabel('本级目标').fill('98.5');
    await screenshot(page, 'wizard-indicators');
    await next();

    // 4 the office director is the caller; the group head is picked from the people the office may see
    await visible(page.getByTestId('member-0').getByText('office'));
    await page.getByRole('button', { name: '添加成员' }).click();
    // the picker searches the users API on the server: type part of the name
    await page.getByTestId('member-1').getByLabel('成员 2').first().click();
    await page.keyboard.type('周振');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '周振华' }).first().click();
    await choose(page.getByLabel('成员 2 职务'), '领导小组组长');
    await page.getByTestId('member-1').getByLabel('单位职务').fill('市长');
    await next();

    // 5 one settings section changed from its default
    await page.getByText('消息提醒', { exact: true }).click();
    await page.getByLabel('提醒发送时间').fill('8:30');
    await next();
    await visible(itemOf(page.getByLabel('提醒发送时间')).getByText('须为 24 小时制时间 HH:MM，如 17:00'));
    await page.getByLabel('提醒发送时间').fill('08:30');
    await next();

    // review, create: the API's error lands next to the second code, on the indicators step
    await visible(page.getByTestId('wizard-review').getByText('1.20万人（12,000人）'));
    await visible(page.getByText('已修改：消息提醒'));
    await screenshot(page, 'wizard-review');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/campaigns') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '创建草稿' }).click();
    const answer = await refused;
    expect(answer.status()).toBe(400);
    expect((await answer.json()).fields).toEqual([
      { field: 'indicators[1].code', message: '指标代码 EP-NEW 重复，每个指标的代码须不同（code EP-NEW appears twice）' },
    ]);
    // next to the field in Chinese alone (the API's English gloss dropped)
    await textMatching(itemOf(page.getByLabel('指标代码'), second).locator('.ant-form-item-explain'), /^指标代码 EP-NEW 重复，每个指标的代码须不同$/);
    await screenshot(page, 'wizard-api-error');
    await second.getByLabel('指标代码').fill('MED-COV');
    for (let i = 0; i < 3; i++) await next();
    await page.getByRole('button', { name: '创建草稿' }).click();

    // the detail: a draft with its parts
    await page.waitForURL(/\/campaigns\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await textMatching(page.getByTestId('campaign-title'), /2027年社会保险扩面征缴专项行动/);
    await visible(page.getByText('草稿', { exact: true }));
    await visible(page.getByText('2027-01-01 至 2027-12-31'));
    await visible(page.getByText('集中攻坚'));
    await visible(page.getByText('2027-06-30 累计 50.0%'));
    await visible(page.getByRole('cell', { name: '1.20万人（12,000人）' }));
    await visible(page.getByRole('cell', { name: '98.5%' }));
    const [row] = await server.api.ds.query(`SELECT status, settings FROM campaign WHERE id = $1`, [id]);
    expect(row.status).toBe('draft');
    expect(row.settings.notices).toEqual({ reminderTime: '08:30', quietFrom: '21:00', quietUntil: '08:00', quietForWebhooks: true });
    expect(row.settings.escalation.refusalThreshold).toBe(3);
    const inds = await server.api.ds.query(`SELECT code, kind, unit, top_target::text AS t FROM indicator WHERE campaign_id = $1 ORDER BY id`, [id]);
    expect(inds).toEqual([
      { code: 'EP-NEW', kind: 'count', unit: 'person', t: '12000.00' }, // 1.2 万人 × 10000
      { code: 'MED-COV', kind: 'ratio', unit: 'percent', t: '98.50' },
    ]);
    await screenshot(page, 'campaign-detail-draft');

    // the draft reopens in the wizard with its values; a new name and a third phase are saved back (PUT)
    await page.getByRole('button', { name: '修改草稿' }).click();
    await page.waitForURL(`${server.url}/campaigns/${id}/edit`);
    await expect(page.getByLabel('任务名称').inputValue()).resolves.toBe('2027年社会保险扩面征缴专项行动');
    await page.getByLabel('任务名称').fill('2027年社会保险扩面征缴专项行动（修订）');
    await next();
    await expect(page.getByLabel('阶段 2 名称').inputValue()).resolves.toBe('集中攻坚');
    for (let i = 0; i < 4; i++) await next();
    await visible(page.getByTestId('wizard-review').getByText('1.20万人（12,000人）'));
    await visible(page.getByTestId('wizard-review').getByText('已修改：消息提醒', { exact: true })); // as at creation: jsonb's key order changes nothing
    await screenshot(page, 'wizard-edit-draft-review');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/campaigns/${id}`) && r.request().method() === 'PUT');
    await page.getByRole('button', { name: '保存草稿' }).click();
    expect((await saved).status()).toBe(200);
    await page.waitForURL(`${server.url}/campaigns/${id}`);
    await textMatching(page.getByTestId('campaign-title'), /^2027年社会保险扩面征缴专项行动（修订）$/);
    const [edited] = await server.api.ds.query(`SELECT name, settings FROM campaign WHERE id = $1`, [id]);
    expect(edited.name).toBe('2027年社会保险扩面征缴专项行动（修订）');
    expect(edited.settings.notices).toEqual({ reminderTime: '08:30', quietFrom: '21:00', quietUntil: '08:00', quietForWebhooks: true }); // the draft's own settings came back unchanged
    expect(await server.api.ds.query(`SELECT code FROM indicator WHERE campaign_id = $1 ORDER BY id`, [id])).toEqual([{ code: 'EP-NEW' }, { code: 'MED-COV' }]);

    // members
    await page.getByRole('tab', { name: /^成员（/ }).click();
    await visible(page.getByRole('cell', { name: '领导小组组长' }));
    await visible(page.getByRole('cell', { name: '周振华' }));
    await visible(page.getByRole('cell', { name: '办公室主任' }).first());

    // settings: a section saved on its own, a bad value refused first
    await page.getByRole('tab', { name: '设置' }).click();
    await page.locator('.ant-collapse').getByText('重点检查名单', { exact: true }).click(); // the section, not the menu entry of the same name
    const escalation = page.getByTestId('settings-escalation');
    await escalation.getByLabel('窗口结束').fill('2027-13-01');
    await escalation.getByLabel('窗口开始').fill('2027-09-01');
    await escalation.getByLabel('拒绝次数门槛').fill('5');
    await escalation.getByRole('button', { name: /保存/ }).click();
    // the API's answer: month 13 is no date
    await visible(escalation.getByText(/须为每年重复的月-日 MM-DD/));
    await escalation.getByLabel('窗口结束').fill('2027-11-30');
    await escalation.getByRole('button', { name: /保存/ }).click();
    await visible(page.getByText('设置已保存'));
    const [after] = await server.api.ds.query(`SELECT settings FROM campaign WHERE id = $1`, [id]);
    expect(after.settings.escalation).toEqual({
      windows: [{ from: '2027-09-01', to: '2027-11-30' }],
      time: '17:00',
      refusalThreshold: 5,
      submissionNoticeOnWorkingDay: false,
    });
    await screenshot(page, 'campaign-detail-settings');

    // activate: the targets were given, so the city's tasks exist and each row offers its split
    await page.getByRole('tab', { name: '概览' }).click();
    await page.getByRole('button', { name: '启动任务' }).click();
    await page.getByRole('button', { name: '启 动' }).click();
    await visible(page.getByText('进行中', { exact: true }));
    await visible(page.getByRole('cell', { name: '未分解' }).first());
    const split = page.getByRole('link', { name: '分解任务' }).first();
    expect(await split.getAttribute('href')).toMatch(/^\/tasks\/\d+\/split$/);
    await screenshot(page, 'campaign-detail-active');

    // the list links to it
    await page.getByRole('link', { name: '返回列表' }).click();
    await page.getByRole('link', { name: '2027年社会保险扩面征缴专项行动' }).click();
    await page.waitForURL(`${server.url}/campaigns/${id}`);

    // a phone: the wizard in one column with its step counter, the detail's tables scroll
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(`${server.url}/campaigns/new`);
    await visible(phone.getByTestId('wizard-progress'));
    await screenshot(phone, 'phone-wizard');
    await phone.goto(`${server.url}/campaigns/${id}`);
    await visible(phone.getByRole('cell', { name: '98.5%' }));
    await screenshot(phone, 'phone-campaign-detail');
    await phone.close();
  }); // the draft is reopened and saved too

  it('offers no creation to a unit manager, who still sees the detail', async () => {
    await page.evaluate('localStorage.clear()');
    await loginAs(page, server.url, 'dh_manager');
    await page.goto(`${server.url}/campaigns`);
    await page
      .getByRole('link', { name: /专项行动/ })
      .first()
      .click();
    await visible(page.getByTestId('campaign-title'));
    expect(await page.getByRole('button', { name: '新建扩面任务' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /启动任务|结束任务/ }).count()).toBe(0);
  });
});
