import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium, headless, driven by playwright-core; no browser is ever downloaded.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifacts = resolve(import.meta.dirname, '..', 'artifacts');

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Chromium with a fresh, empty profile (Playwright makes one per launch and removes it on close). */
export async function launchChromium(): Promise<Chromium> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  return { browser, close: () => browser.close() };
}

/** A fresh context (own storage: own sign-in and language) at a desktop or phone size. */
export async function newPage(browser: Browser, size: 'desktop' | 'phone' = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const viewport = size === 'desktop' ? { width: 1280, height: 800 } : { width: 390, height: 844 };
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in from the development picker as the person with this `sub`. */
export async function signInAs(page: Page, baseUrl: string, sub: string): Promise<void> {
  await page.goto(`${baseUrl}/app/sign-in`);
  await page.locator(`button.identity[data-sub="${sub}"]`).click();
  await page.waitForURL(/\/app\/inbox/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出|Sign out/ }).click();
  await page.waitForURL(/\/app\/sign-in/);
}
