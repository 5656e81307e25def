import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { pdfPages } from '../../helpers/pdf';

export { isA4, pdfPages } from '../../helpers/pdf';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab (own localStorage is shared by the context: use a fresh context per user, see newUser). */
  page: () => Promise<Page>;
  close: () => Promise<void>;
}

/** Debian's chromium with the flags of issue 14 and a fresh profile in the OS temp dir, removed on close. */
export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'yingbao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(30_000); // two cores shared with the other suites and the worker
  return {
    context,
    page: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves test-output/screenshots/<name>.png (git-ignored) and answers its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until the element is shown (playwright-core has no expect; jest's expect checks values). */
export async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Waits until the element's text matches, and answers it. */
export async function textMatching(locator: Locator, re: RegExp, ms = 30_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const text = await locator
      .first()
      .innerText()
      .catch(() => '');
    if (re.test(text)) return text;
    if (Date.now() > until) throw new Error(`text ${JSON.stringify(text)} does not match ${re} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const PDFS = path.join(__dirname, '..', '..', '..', 'test-output', 'pdfs');

/** Prints the page to test-output/pdfs/<name>.pdf (git-ignored) on A4 as its @page rule asks, and answers its pages. */
export async function printPdf(page: Page, name: string): Promise<{ file: string; pages: { width: number; height: number }[] }> {
  mkdirSync(PDFS, { recursive: true });
  await page.waitForLoadState('networkidle');
  const file = path.join(PDFS, `${name}.pdf`);
  // page.pdf lays out with the print stylesheet unless screen media is emulated: print it is, then the default again
  await page.emulateMedia({ media: 'print' });
  const bytes = await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: null });
  return { file, pages: pdfPages(bytes) };
}
