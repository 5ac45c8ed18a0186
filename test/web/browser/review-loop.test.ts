import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, newPage, screenshot, signInAs, signOut, type Chromium } from '../helpers/browser';
import { startWebStack, type WebStack } from '../helpers/stack';

// An order taken through review, renegotiation and approval using only the page, as the
// dev cast that `npm start` prints: Sally (sales) receives it, Rita (who reviews for every
// reviewing department) rejects it for production, Sally revises, everyone approves.

let stack: WebStack;
let chromium: Chromium;
let page: Page;

beforeAll(async () => {
  [stack, chromium] = await Promise.all([startWebStack(), launchChromium()]);
  ({ page } = await newPage(chromium.browser));
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-${ctx.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await chromium?.close();
  await stack?.close();
});

const reviewDepartments = ['production', 'procurement', 'engineering', 'quality', 'finance'];

async function receiveOrder(): Promise<string> {
  await page.getByRole('link', { name: '新建订单' }).click();
  await page.locator('#order_customer_id').fill('CUST-7');
  await page.locator('#order_customer_name').fill('杭州阀门厂');
  await page.locator('#order_items_0_sku').fill('VB-200');
  await page.locator('#order_items_0_description').fill('球阀');
  await page.locator('#order_items_0_spec').fill('DN50 PN16 304不锈钢');
  await page.locator('#order_items_0_quantity').fill('400');
  await page.locator('#order_items_0_unitPrice').fill('182.5');
  await page.locator('#order_deliveryAddress').fill('杭州市滨江路8号');
  await page.locator('#order_paymentTerms').fill('30%预付，70%发货前付清');
  await page.getByRole('button', { name: '接收订单' }).click();
  await page.waitForURL(/\/app\/orders\/SO-/);
  return decodeURIComponent(page.url().split('/app/orders/')[1]);
}

let orderNo: string;

/** Opens the task of this kind on the order from the inbox, narrowed to one department. */
async function openTask(kindLabel: string, department?: string): Promise<void> {
  await page.getByRole('link', { name: '待办' }).click();
  if (department) await page.getByLabel('部门').selectOption(department);
  const link = page.getByRole('link', { name: `${kindLabel} · ${orderNo}` });
  await expect.poll(async () => (await link.count()) > 0 || (await page.reload(), false), { timeout: 60_000, interval: 1000 }).toBe(true);
  await link.first().click();
  await page.waitForURL(/\/app\/tasks\//);
  await page.getByRole('heading', { name: `${kindLabel} · ${orderNo}` }).waitFor();
}

async function submitTask(outcomeLabel: string): Promise<void> {
  await page.getByRole('button', { name: `提交：${outcomeLabel}` }).click();
  await page.waitForURL(/\/app\/inbox/);
  await expect.poll(() => page.getByRole('status').textContent()).toContain(`已提交：${outcomeLabel}`);
}

async function approveAll(round: number): Promise<void> {
  for (const department of reviewDepartments) {
    await openTask('订单评审', department);
    expect(page.url()).toContain(encodeURIComponent(`${orderNo}.review.r${round}.${department}`));
    await page.getByRole('radio', { name: '同意' }).check();
    if (department === 'finance') await page.locator('#form-approve_marginPct').fill('18');
    await submitTask('同意');
  }
}

describe('review, renegotiation and approval in the browser', () => {
  it('receives an order as sales', async () => {
    await page.goto(`${stack.url}/app/sign-in`);
    await expect.poll(() => page.locator('button.identity').count()).toBe(7);
    await screenshot(page, 'sign-in');
    await signInAs(page, stack.url, 'sally');
    orderNo = await receiveOrder();
    expect(orderNo).toMatch(/^SO-\d{8}-\d{4}$/);
    await expect.poll(() => page.locator('.stages [aria-current="step"]').textContent(), { timeout: 30_000 }).toBe('评审中');
    await signOut(page);
  });

  it('lets production staff see the review task and reject it with a reason; the other reviewers approve', async () => {
    await signInAs(page, stack.url, 'rita');
    await page.getByLabel('部门').selectOption('production');
    const row = page.locator(`li[data-task-id="${orderNo}.review.r1.production"]`);
    await expect.poll(async () => (await row.count()) > 0 || (await page.reload(), false), { timeout: 60_000, interval: 1000 }).toBe(true);
    await expect.poll(() => row.textContent()).toMatch(/剩余/);
    await expect.poll(() => row.textContent()).toContain('未认领');
    await page.getByLabel('部门').selectOption('');
    await expect.poll(() => page.locator(`li[data-task-id^="${orderNo}.review.r1."]`).count()).toBe(5);
    await screenshot(page, 'inbox');

    await openTask('订单评审', 'production');
    await page.getByRole('button', { name: '认领' }).click();
    await expect.poll(() => page.locator('.task-tags .assignee').textContent()).toContain('rita');
    await page.getByRole('radio', { name: '驳回' }).check();
    await page.locator('#form-reject_reasons_0').fill('产能不足：十二月生产线满负荷');
    await page.locator('#comment').fill('建议外协30%');
    await screenshot(page, 'task');
    await submitTask('驳回');

    for (const department of reviewDepartments.filter((d) => d !== 'production')) {
      await openTask('订单评审', department);
      await submitTask('同意');
    }
    await signOut(page);
  });

  it('shows sales the renegotiation with that reason, and sales revises the order', async () => {
    await signInAs(page, stack.url, 'sally');
    await openTask('重新协商');
    const context = page.locator('.findings');
    await expect.poll(() => context.textContent()).toContain('产能不足：十二月生产线满负荷');
    await expect.poll(() => context.textContent()).toContain('生产');
    await page.getByRole('radio', { name: '修改订单' }).check();
    const date = page.locator('#form-revise_revision_requestedDeliveryDate');
    expect(await date.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await date.fill(later);
    await page.locator('#form-revise_summary').fill('交期顺延一个月');
    await screenshot(page, 'task-renegotiation');
    await submitTask('修改订单');
    await signOut(page);
  });

  it('moves the order on once every reviewer approves the revised order', async () => {
    await signInAs(page, stack.url, 'rita');
    await approveAll(2);
    await page.goto(`${stack.url}/app/orders/${orderNo}`);
    await expect.poll(() => page.locator('.stages [aria-current="step"]').textContent(), { timeout: 60_000 }).toBe('合同签订');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('评审通过');
    await page.getByRole('tab', { name: '版本' }).click();
    await expect.poll(() => page.locator('.panel table').textContent()).toContain('要求交货日期');
    await screenshot(page, 'order');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Switch the page to English' }).click();
    await expect.poll(() => page.getByRole('navigation').textContent()).toContain('Inbox');
    await expect.poll(() => page.locator('.stages [aria-current="step"]').textContent()).toBe('Contracting');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'order-en');
    await page.getByRole('button', { name: 'Switch the page to Chinese' }).click();
    await expect.poll(() => page.getByRole('navigation').textContent()).toContain('待办');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });
});
