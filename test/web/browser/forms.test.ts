import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { launchChromium, newPage, screenshot, signInAs, signOut, type Chromium } from '../helpers/browser';
import { driver } from '../helpers/drive';
import { startWebStack, type WebStack } from '../helpers/stack';

// A task whose form nests objects in arrays (the production plan's batches and
// milestones), and the answers the API gives when a completion cannot go through (400,
// 409, 503).

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
