import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { launchChromium, newPage, screenshot, signInAs, signOut, type Chromium } from '../helpers/browser';
import { driver } from '../helpers/drive';
import { startWebStack, type WebStack } from '../helpers/stack';

// A task whose form nests objects in arrays (the production plan's batches and
// milestones), the answers the API gives when a completion cannot go through (400, 409,
// 503), and what an auditor reads: the timeline and the KPIs.

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

async function openTask(id: string): Promise<void> {
  await page.goto(`${stack.url}/app/tasks/${encodeURIComponent(id)}`);
  await page.locator('.rjsf').waitFor();
}

const planDates = { start: '2027-01-04', end: '2027-01-15', milestone1: '2027-01-08', milestone2: '2027-01-15' };

async function fillPlan(): Promise<void> {
  await page.locator('#form-planned_batches_0_batchNo').fill('B-001');
  await page.locator('#form-planned_batches_0_quantity').fill('250');
  await page.locator('#form-planned_batches_0_plannedStart').fill(planDates.start);
  await page.locator('#form-planned_batches_0_plannedEnd').fill(planDates.milestone1);
  await page.locator('#form-planned_batches .rjsf-array-item-add button').click();
  await page.locator('#form-planned_batches_1_batchNo').fill('B-002');
  await page.locator('#form-planned_batches_1_quantity').fill('150');
  await page.locator('#form-planned_batches_1_plannedStart').fill(planDates.milestone1);
  await page.locator('#form-planned_batches_1_plannedEnd').fill(planDates.end);
  await page.locator('#form-planned_milestones_0_name').fill('首批完工');
  await page.locator('#form-planned_milestones_0_plannedDate').fill(planDates.milestone1);
  await page.locator('#form-planned_milestones .rjsf-array-item-add button').click();
  await page.locator('#form-planned_milestones_1_name').fill('全部完工');
  await page.locator('#form-planned_milestones_1_plannedDate').fill(planDates.milestone2);
}

describe('task forms in the browser', () => {
  it('completes the production plan, a form of nested objects in arrays, after showing the API’s field errors beside the fields', async () => {
    const plan = await api.taskOf(orderNo, 'production_plan');
    await signInAs(page, stack.url, 'rita');
    await openTask(plan.id);
    await fillPlan();
    await screenshot(page, 'task-nested');

    // The API has the last word: a body it refuses comes back as errors beside the fields.
    const dropMilestones = (route: Route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      delete body.data.milestones;
      return route.continue({ postData: JSON.stringify(body) });
    };
    await page.route('**/tasks/*/complete', dropMilestones);
    await page.getByRole('button', { name: '提交：已排产' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('请检查以下字段');
    // The error sits with the milestones field (its template wraps the fieldset), not with the batches.
    const milestonesField = page.locator('#form-planned_milestones').locator('xpath=..');
    await expect.poll(() => milestonesField.locator('.error-detail').textContent()).toContain('expected array');
    expect(await page.locator('#form-planned_batches').locator('xpath=..').locator('.error-detail').count()).toBe(0);
    await page.unroute('**/tasks/*/complete', dropMilestones);
    expect(await page.locator('#form-planned_batches_1_batchNo').inputValue()).toBe('B-002');

    await page.getByRole('button', { name: '提交：已排产' }).click();
    await page.waitForURL(/\/app\/inbox/);
    const done = await api.get(`/tasks/${encodeURIComponent(plan.id)}`);
    expect(done.status).toBe('COMPLETED');
    expect(done.outcome).toBe('planned');
    expect(done.data).toEqual({
      batches: [
        { batchNo: 'B-001', quantity: 250, plannedStart: planDates.start, plannedEnd: planDates.milestone1 },
        { batchNo: 'B-002', quantity: 150, plannedStart: planDates.milestone1, plannedEnd: planDates.end },
      ],
      milestones: [
        { name: '首批完工', plannedDate: planDates.milestone1 },
        { name: '全部完工', plannedDate: planDates.milestone2 },
      ],
    });
  });

  it('keeps what was typed when the engine is busy (503), and returns to the inbox when someone else completed the task (409)', async () => {
    const purchase = await api.taskOf(orderNo, 'material_purchase');
    await openTask(purchase.id);
    await page.locator('#form-purchased_purchaseOrders_0').fill('PO-7781');
    await page.locator('#form-purchased_expectedArrival').fill('2027-01-02');

    const busy = (route: Route) =>
      route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '7' },
        body: JSON.stringify({ error: { code: 'ENGINE_UNAVAILABLE', message: 'the workflow engine is unreachable; retry shortly' } }),
      });
    await page.route('**/tasks/*/complete', busy);
    await page.getByRole('button', { name: '提交：已采购' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('7 秒后重试');
    expect(await page.locator('#form-purchased_purchaseOrders_0').inputValue()).toBe('PO-7781');
    expect(page.url()).toContain('/app/tasks/');
    await page.unroute('**/tasks/*/complete', busy);

    expect(await api.complete(purchase.id, 'procurement')).toBe(200);
    await page.getByRole('button', { name: '提交：已采购' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('已由他人完成');
    await page.waitForURL(/\/app\/inbox/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain(purchase.id);
    await signOut(page);
  });
});

const kpiFixture = (from: string, to: string) => ({
  from,
  to,
  timeZone: 'Asia/Shanghai',
  department: null,
  kpis: [
    {
      id: 'on_time_delivery',
      name: '按时交付率',
      clause: '003 §8',
      department: null,
      unit: 'percent',
      value: 92.5,
      numerator: 37,
      denominator: 40,
    },
    {
      id: 'first_pass',
      name: '一次检验合格率',
      clause: '002 §6.2',
      department: 'quality',
      unit: 'percent',
      value: 96,
      numerator: 48,
      denominator: 50,
    },
    {
      id: 'complaints',
      name: '客户投诉率',
      clause: '002 §6.3',
      department: null,
      unit: 'percent',
      value: 2.5,
      numerator: 1,
      denominator: 40,
    },
    {
      id: 'review_deadlines',
      name: '评审及时率',
      clause: '002 §6.1',
      department: null,
      unit: 'percent',
      value: null,
      numerator: null,
      denominator: 0,
      reason: 'no review closed in the period',
    },
    {
      id: 'urgent_hours',
      name: '紧急订单处理时长',
      clause: '001 §6',
      department: null,
      unit: 'hours',
      value: 30.5,
      numerator: 122,
      denominator: 4,
    },
    {
      id: 'satisfaction',
      name: '客户满意度',
      clause: '003 §8',
      department: null,
      unit: 'score',
      value: 4.6,
      numerator: 23,
      denominator: 5,
    },
  ],
});

/**
 * The KPI and replay routes come with other parts of the service; until the API has them the
 * page is shown their documented answers, and it must hide what the API does not list.
 */
async function serveContracts(p: Page): Promise<void> {
  await p.route('**/docs/json', async (route) => {
    const doc = await (await route.fetch()).json();
    doc.paths['/kpis'] ??= { get: {} };
    doc.paths['/kpis/reports/{month}'] ??= { get: {} };
    doc.paths['/orders/{orderNo}/replay'] ??= { post: {} };
    await route.fulfill({ json: doc });
  });
  await p.route(/\/kpis\?/, (route) => {
    const q = new URL(route.request().url()).searchParams;
    return route.fulfill({ json: kpiFixture(q.get('from')!, q.get('to')!) });
  });
  await p.route(/\/kpis\/reports\/\d{4}-\d{2}\?format=csv/, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/csv' }, body: 'id,name,value\non_time_delivery,按时交付率,92.5\n' }),
  );
  await p.route(/\/orders\/[^/]+\/replay$/, (route) => route.fulfill({ json: { ok: true, runs: 2 } }));
}

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
    await expect.poll(() => timeline.textContent()).toContain('Production plan: 2 batch(es)');
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
    expect(await readFile((await download.path())!, 'utf8')).toContain('按时交付率');
  });

  it('fits a phone-width screen', async () => {
    const phone = await newPage(chromium.browser, 'phone');
    await signInAs(phone.page, stack.url, 'rita');
    await phone.page.locator('.task-row').first().waitFor();
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'inbox-phone');
    await phone.page.locator('.task-link').first().click();
    await phone.page.locator('.rjsf').waitFor();
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'task-phone');
    await phone.context.close();
  });
});
