import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { launchChromium, newPage, screenshot, signInAs, signOut, type Chromium } from '../helpers/browser';
import { serveContracts } from '../helpers/contracts';
import { driver } from '../helpers/drive';
import { startWebStack, type WebStack } from '../helpers/stack';

// What an auditor reads (any order's timeline, the replay, the KPIs), what a head does with
// a claimed task, and the page at phone width.

let stack: WebStack;
let chromium: Chromium;
let page: Page;
let api: ReturnType<typeof driver>;
let orderNo: string;

beforeAll(async () => {
  [stack, chromium] = await Promise.all([startWebStack(), launchChromium()]);
  ({ page } = await newPage(chromium.browser));
  api = driver(stack.app);
  orderNo = await api.receive();
  await api.advanceTo(orderNo, 'PLANNING', ['production_plan']);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-${ctx.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await chromium?.close();
  await stack?.close();
});

describe('what an auditor reads', () => {
  it('hides the KPI page unless the API lists it', async () => {
    const doc = await api.get('/docs/json');
    await signInAs(page, stack.url, 'ada');
    await page.locator('nav').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: '绩效指标' }).count()).toBe(doc.paths['/kpis'] ? 1 : 0);
    await signOut(page);
  });

  it('reads any order’s audit timeline and replays its history', async () => {
    await serveContracts(page);
    await signInAs(page, stack.url, 'ada');
    await page.getByRole('link', { name: '订单', exact: true }).click();
    await page.getByRole('link', { name: orderNo }).click();
    const timeline = page.locator('.timeline');
    await expect.poll(() => timeline.textContent()).toContain('评审通过');
    await expect.poll(() => timeline.textContent()).toContain('完成任务');
    await page.getByRole('button', { name: '重放历史' }).click();
    await expect.poll(() => page.locator('.replay').textContent()).toContain('重放通过：2 次运行与当前代码一致。');
    await screenshot(page, 'order-auditor');
  });

  it('shows the month’s KPIs as charts with numerator and denominator on hover, and downloads the CSV', async () => {
    await page.getByRole('link', { name: '绩效指标' }).click();
    await expect.poll(() => page.locator('.chart canvas').count()).toBe(3);
    const table = page.locator('table');
    await expect.poll(() => table.textContent()).toContain('一次检验合格率');
    await expect.poll(() => table.textContent()).toContain('no review closed in the period');
    expect(await table.locator('tr', { hasText: '按时交付率' }).textContent()).toContain('92.5%');

    const chart = page.locator('.chart').first();
    const box = (await chart.boundingBox())!;
    let tip = '';
    for (let y = box.y + 20; y < box.y + box.height && !tip.includes('分子'); y += 12) {
      await page.mouse.move(box.x + box.width * 0.45, y);
      await page.waitForTimeout(60);
      tip = (await chart.locator('div').last().textContent()) ?? '';
    }
    expect(tip).toMatch(/分子: \d+ · 分母: \d+/);
    await screenshot(page, 'kpis');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kpis-\d{4}-\d{2}\.csv$/);
    expect(await readFile(await download.path(), 'utf8')).toContain('按时交付率');
  });

  it('fits a phone-width screen', async () => {
    const phone = await newPage(chromium.browser, 'phone');
    await signInAs(phone.page, stack.url, 'rita');
    await phone.page.locator('.task-row').first().waitFor();
    await screenshot(phone.page, 'inbox-phone');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.page.getByLabel('部门').selectOption('production');
    await phone.page.getByRole('link', { name: `生产计划 · ${orderNo}` }).click();
    await phone.page.getByRole('button', { name: '提交：已排产' }).waitFor();
    await phone.page.waitForLoadState('networkidle');
    await screenshot(phone.page, 'task-phone');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.context.close();
  });
});

describe('claiming', () => {
  it('lets a head claim, release and assign a task where the API offers it', async () => {
    const plan = await api.taskOf(orderNo, 'production_plan');
    const echo = (changes: object) => async (route: Route) =>
      route.fulfill({ json: { ...(await api.get(`/tasks/${encodeURIComponent(plan.id)}`)), ...changes } });
    let assignBody: unknown;
    await page.route(/\/tasks\/[^/]+\/unclaim$/, echo({ status: 'OPEN', assignee: null }));
    await page.route(/\/tasks\/[^/]+\/assign$/, async (route) => {
      assignBody = route.request().postDataJSON();
      return echo({ status: 'CLAIMED', assignee: 'rita' })(route);
    });
    await signInAs(page, stack.url, 'paul');
    await page.goto(`${stack.url}/app/tasks/${encodeURIComponent(plan.id)}`);
    await page.getByRole('button', { name: '认领' }).click();
    await expect.poll(() => page.locator('.task-tags .assignee').textContent()).toBe('已由 paul 认领');
    expect((await api.get(`/tasks/${encodeURIComponent(plan.id)}`)).assignee).toBe('paul');

    await page.getByRole('button', { name: '放弃认领' }).click();
    await expect.poll(() => page.locator('.task-tags .assignee').textContent()).toBe('未认领');
    await page.getByLabel('指派给（用户 ID）').fill('rita');
    await page.getByRole('button', { name: '指派', exact: true }).click();
    await expect.poll(() => page.locator('.task-tags .assignee').textContent()).toBe('已由 rita 认领');
    expect(assignBody).toEqual({ assignee: 'rita' });
    await signOut(page);
  });
});

describe('the inbox', () => {
  it('refreshes itself without losing the filter or the page', async () => {
    const plan = await api.taskOf(orderNo, 'production_plan');
    await signInAs(page, stack.url, 'rita');
    await page.getByLabel('部门').selectOption('production');
    const row = page.locator(`li[data-task-id="${plan.id}"]`);
    await row.waitFor();
    const url = page.url();
    // Paul, who claimed it above, plans the order meanwhile; the next poll takes the task off this inbox.
    const paul = { sub: 'paul', name: 'Paul (production head)', departments: ['production'], roles: ['head'] };
    expect(await api.complete(plan.id, 'production', paul)).toBe(200);
    await expect.poll(() => row.count(), { timeout: 40_000, interval: 1000 }).toBe(0);
    expect(page.url()).toBe(url);
    expect(await page.getByLabel('部门').inputValue()).toBe('production');
  });
});
