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

describe('review, renegotiation and approval in the browser', () => {
  it('receives an order as sales', async () => {
    await page.goto(`${stack.url}/app/sign-in`);
    await expect.poll(() => page.locator('button.identity').count()).toBe(7);
    await screenshot(page, 'sign-in');
    await signInAs(page, stack.url, 'sally');
    const orderNo = await receiveOrder();
    expect(orderNo).toMatch(/^SO-\d{8}-\d{4}$/);
    await screenshot(page, 'order-received');
  });
});
