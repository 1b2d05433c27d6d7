import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, screenshot, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * An older person on a cheap phone and a slow line (400 kbit/s): a 22 MB photo took seven minutes to send before the
 * server refused it, and a 2 MB one 42 seconds with nothing on the screen saying anything was happening. With
 * JavaScript, a file over the limit the page states is refused before it is sent, and a form sending files says so
 * and cannot be sent a second time. The page for a company's mandate is one of several with the same file field.
 * The officials' forms are checked alike: a registry clerk's scan over the limit its hint states is refused before
 * it is sent, and what the clerk typed stays.
 */

const LIMIT = 1024 * 1024;
let b: BrowserApp;
let clock = Date.now();
const nextCode = () => {
  clock += 30_000;
  return new Date(clock);
};
beforeAll(async () => {
  b = await startBrowserApp({ config: { uploadLimitBytes: LIMIT } });
  b.app.deps.now = () => new Date(clock);
}, 120_000);
afterAll(async () => b?.stop());

const photo = (name: string, bytes: number) => ({ name, mimeType: 'image/jpeg', buffer: Buffer.alloc(bytes, 0xff) });

async function companyPage(): Promise<Page> {
  const page = await b.newPage({ viewport: { width: 320, height: 640 } });
  await visit(page, '/inregistrare/companie');
  return page;
}

/** Counts the form's posts that reach the network. */
function countPosts(page: Page): { count: () => number } {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/inregistrare/companie') n++;
  });
  return { count: () => n };
}

describe('sending files on a slow phone line', () => {
  it('refuses a photo over the limit before sending it, with the error where the server would put it', { timeout: 120_000 }, async () => {
    const page = await companyPage();
    const posts = countPosts(page);
    await expect(page.locator('main').textContent()).resolves.toContain('cel mult 1 MB');
    await page.locator('input[type=file][name=mandate]').setInputFiles(photo('IMG_20261123_101512.jpg', 3 * LIMIT + 200 * 1024));
    await page.locator('main form button[type=submit]').last().click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Există o problemă');
    const message = 'Fișierul „IMG_20261123_101512.jpg” are 3,2 MB, iar se pot trimite fișiere de cel mult 1 MB.';
    await expect(summary.textContent()).resolves.toContain(message);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    const inline = page.locator('#mandate-error');
    await expect(inline.textContent()).resolves.toContain(message);
    expect(await page.locator('#mandate').getAttribute('aria-describedby')).toContain('mandate-error');
    expect(await page.title()).toMatch(/^Eroare: /);
    expect(posts.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/inregistrare/companie');
    await screenshot(page, 'slow-upload-too-large', false);
    await expectNoAxeViolations(page, 'company registration, file too large');
    // The link in the summary leads to the field.
    await summary.locator('a').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mandate');
    // Twice the same refusal does not pile up messages.
    await page.locator('main form button[type=submit]').last().click();
    expect(await page.locator('.govuk-error-summary li').count()).toBe(1);
    expect(await page.locator('.govuk-error-message').count()).toBe(1);
    expect(await page.title()).not.toMatch(/^Eroare: Eroare:/);
    expect(posts.count()).toBe(0);
  });

  it('says the files are being sent and does not send them twice however long it takes', { timeout: 120_000 }, async () => {
    const page = await companyPage();
    const posts = countPosts(page);
    // The line is slow: the server has not answered yet. (A held request also holds Playwright's own reading of the
    // page, so the post is answered with 204 No Content, which leaves the page as it is, as a pending upload does.)
    await page.route('**/inregistrare/companie*', (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 204 }) : route.continue()));
    await page.locator('input[type=file][name=mandate]').setInputFiles(photo('imputernicire.jpg', LIMIT - 1024));
    const status = page.locator('main form [role=status]');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await expect(status.textContent()).resolves.toBe('');
    const button = page.locator('main form button[type=submit]').last();
    await button.click();
    await expect.poll(() => status.textContent()).toBe('Se trimite… nu închideți pagina');
    expect(await status.isVisible()).toBe(true);
    expect(posts.count()).toBe(1);
    await screenshot(page, 'slow-upload-sending', false);
    await expectNoAxeViolations(page, 'company registration, sending');
    // Long after the 4 seconds a plain form waits, still no answer: another tap on the button sends nothing more.
    await page.waitForTimeout(4_500);
    await button.click();
    await page.waitForTimeout(500);
    expect(posts.count()).toBe(1);
    await expect(status.textContent()).resolves.toBe('Se trimite… nu închideți pagina');
  });

  it('refuses a registry clerk\'s scan over the limit its hint states, before sending it, keeping what was typed', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    const FORM = '/birou/registratura/inregistrare';
    await visit(page, FORM);
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === FORM) posts++;
    });
    await expect(page.locator('#scan-hint').textContent()).resolves.toContain('de cel mult 1 MB fiecare');
    await page.fill('#issuerName', 'Ștefan Țăranu');
    await page.fill('#summary', 'Sesizare privind trotuarul din strada Sabinelor');
    await page.locator('input[type=file][name=scan]').setInputFiles([
      { name: 'petitie.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
      { name: 'anexa-scanata.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2 * LIMIT, 0x25) },
    ]);
    await page.locator('main form:has([name=scan]) button[type=submit]').last().click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Fișierul „anexa-scanata.pdf” are 2 MB, iar se pot trimite fișiere de cel mult 1 MB.');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await expect(page.locator('#scan-error').textContent()).resolves.toContain('anexa-scanata.pdf');
    expect(await page.title()).toMatch(/^Eroare: /);
    expect(posts).toBe(0);
    expect(new URL(page.url()).pathname).toBe(FORM);
    expect(await page.inputValue('#issuerName')).toBe('Ștefan Țăranu');
    expect(await page.inputValue('#summary')).toBe('Sesizare privind trotuarul din strada Sabinelor');
    await screenshot(page, 'slow-upload-registry-too-large', false);
    await expectNoAxeViolations(page, 'registry registration, scan too large');
  });
});
