import { existsSync, mkdirSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContextOptions, chromium, type Page, type Response } from 'playwright-core';
import type { Config } from '../../../src/config.ts';
import type { TestClock } from '../../support/clock.ts';
import { startTestApp, type TestApp } from '../../support/harness.ts';
import { DEMO_PASSWORD, demoTotpCode } from '../../../src/modules/identity/seed-demo.ts';

/** Debian's Chromium (CI installs it with apt); browsers downloaded by Playwright are not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps dialling Google on a closed network. */
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** WCAG 2.2 AA, as the public-sector accessibility statement promises. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const RESULTS_DIR = join(process.cwd(), 'test-results');

export type BrowserApp = {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (own cookies); `javaScriptEnabled: false` to check the no-JavaScript path. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  stop(): Promise<void>;
};

/**
 * The real app on a random local port, on its own copy of the demo database, and a headless Chromium; with `clock`,
 * the app tells the time by it (test/support/clock.ts).
 */
export async function startBrowserApp(options: { config?: Partial<Config>; clock?: TestClock } = {}): Promise<BrowserApp> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install chromium" (CI does), or set CHROMIUM_PATH to another Chromium binary.`,
    );
  }
  // Links in e-mails and QR codes use BASE_URL: it must be this server's real address.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = await startTestApp({ config: { baseUrl, ...options.config } });
  if (options.clock) app.deps.now = options.clock.now;
  await app.app.listen({ port, host: '127.0.0.1' });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
  } catch (err) {
    await app.stop();
    throw err;
  }
  const contexts: { close(): Promise<void> }[] = [];
  return {
    app,
    baseUrl,
    browser,
    async newPage(contextOptions = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'ro-RO', timezoneId: 'Europe/Bucharest', ...contextOptions });
      contexts.push(context);
      return context.newPage();
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.stop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Opens a path and fails on anything but the expected status. */
export async function visit(page: Page, path: string, expectedStatus = 200): Promise<Response> {
  const response = await page.goto(path, { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${path}`);
  if (response.status() !== expectedStatus) throw new Error(`${path} answered ${response.status()}, expected ${expectedStatus}`);
  return response;
}

/** Runs axe with the WCAG 2.2 AA rules and fails with a readable list of what is wrong and where. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`)
    .join('\n');
  throw new Error(`axe found ${results.violations.length} WCAG violation(s) on ${label}:\n${report}`);
}

/** The text of the first element `selector` finds (the page's main content by default), white space collapsed. */
export async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export type Focused = { tag: string; id: string; className: string; text: string; href: string | null };

/** What has keyboard focus now. */
export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      className: typeof el?.className === 'string' ? el.className : '',
      text: (el?.textContent ?? '').trim().slice(0, 200),
      href: el?.getAttribute('href') ?? null,
    };
  });
}

/** Presses Tab `times` times and returns what has focus. */
export async function tab(page: Page, times = 1): Promise<Focused> {
  for (let i = 0; i < times; i++) await page.keyboard.press('Tab');
  return focused(page);
}

/** Tabs forward until `match` has focus (at most `limit` presses); fails if it never does. */
export async function tabUntil(page: Page, match: (f: Focused) => boolean, limit = 60): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    const f = await tab(page);
    if (match(f)) return f;
  }
  throw new Error(`nothing matching was reached with ${limit} presses of Tab`);
}

/** Saves a screenshot under test-results/ (ignored by git) and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  try {
    await page.screenshot({ path, fullPage });
  } catch (err) {
    // Chromium on a loaded machine sometimes answers 'Unable to capture screenshot' once; the page is as it was.
    if (!String(err).includes('Unable to capture screenshot')) throw err;
    await page.waitForTimeout(500);
    await page.screenshot({ path, fullPage });
  }
  return path;
}

/**
 * Signs a demo account in on a fresh browser profile (`contextOptions` as for newPage, e.g. `javaScriptEnabled:
 * false`): see completeSignIn.
 */
export async function signInInBrowser(b: BrowserApp, a: { email: string }, nextCodeTime: () => Date, contextOptions: BrowserContextOptions = {}): Promise<Page> {
  const page = await b.newPage(contextOptions);
  await visit(page, '/autentificare');
  await completeSignIn(page, a, nextCodeTime);
  return page;
}

/**
 * Signs a demo account in on the sign-in page `page` shows: password, then — for accounts with two-factor — a TOTP
 * code at `nextCodeTime()`, which must move the app's clock past the last code used (a code is accepted once per window).
 */
export async function completeSignIn(page: Page, a: { email: string }, nextCodeTime: () => Date): Promise<void> {
  await page.fill('input[name=email]', a.email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=password]) button[type=submit]').click()]);
  if (new URL(page.url()).pathname === '/autentificare/doi-factori') {
    await page.fill('input[name=code]', demoTotpCode(nextCodeTime()));
    await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=code]) button[type=submit]').click()]);
  }
}
