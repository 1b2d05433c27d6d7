import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectNoAxeViolations, screenshot, startBrowserApp, visit } from './support/browser.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/modules/identity/seed-demo.ts';

/*
 * An older person on a cheap phone: a 320 px screen and the phone's text size at 200 % (the browser's default font of
 * 32 px instead of 16 px), with and without JavaScript. Nothing may be cut off at the right edge or make the page scroll
 * sideways (WCAG 1.4.4 resize text, 1.4.10 reflow). axe needs JavaScript to run, so it checks the page with it.
 */

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
});
afterAll(async () => b?.stop());

/** A 320 px phone without JavaScript whose text is set to twice the normal size. */
async function phoneWithLargeText(javaScriptEnabled = true): Promise<Page> {
  const page = await b.newPage({ viewport: { width: 320, height: 640 }, javaScriptEnabled });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  return page;
}

/** How far the page reaches beyond the screen's width (0 when nothing makes it scroll sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a 320 px phone with text at 200 %', () => {
  it('shows the home page, its pilot banner and the footer e-mail without scrolling sideways', { timeout: 120_000 }, async () => {
    const withoutJs = await phoneWithLargeText(false);
    await visit(withoutJs, '/');
    expect(await withoutJs.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('32px');
    await screenshot(withoutJs, 'phone-large-text-home', false);
    expect(await sidewaysOverflow(withoutJs)).toBe(0);
    // The pilot banner's text lies within the screen.
    const banner = (await withoutJs.locator('.govuk-phase-banner__text').boundingBox())!;
    expect(banner.x + banner.width).toBeLessThanOrEqual(320);
    const page = await phoneWithLargeText();
    await visit(page, '/');
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoAxeViolations(page, 'home with large text');
  });

  it('leaves most of the first screen to the page: the header and the pilot banner take less than two thirds of it, with the heading in view', { timeout: 120_000 }, async () => {
    for (const signedIn of [false, true]) {
      const page = await phoneWithLargeText(false);
      if (signedIn) {
        await visit(page, '/autentificare');
        await page.fill('input[name=email]', DEMO_ACCOUNTS.maria.email);
        await page.fill('input[name=password]', DEMO_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=password]) button[type=submit]').click()]);
      }
      await visit(page, '/');
      const banner = (await page.locator('.govuk-phase-banner').boundingBox())!;
      await screenshot(page, `phone-large-text-first-screen${signedIn ? '-signed-in' : ''}`, false);
      // Before, the banner's text alone ran to seven lines, and the first screen ended inside it.
      expect(banner.y + banner.height).toBeLessThan((640 * 2) / 3);
      // The banner still says what it is and where to say what one thinks.
      await expect(page.locator('.govuk-phase-banner').textContent()).resolves.toMatch(/Pilot\s*Serviciu nou: spuneți-ne părerea\./);
      expect((await page.locator('h1').boundingBox())!.y).toBeLessThan(640 - 60);
    }
  });

  it('shows a long e-mail address on the "check your e-mail" page of a new account without scrolling sideways', { timeout: 120_000 }, async () => {
    const page = await phoneWithLargeText();
    await visit(page, '/inregistrare');
    await page.locator('input[name=kind]').first().check();
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').click()]);
    await page.fill('input[name=firstName]', 'Elena');
    await page.fill('input[name=lastName]', 'Popescu');
    await page.fill('input[name=cnp]', '2450312400019');
    await page.fill('input[name=email]', 'elena.popescu.pensionara@example.ro');
    await page.fill('input[name=password]', 'Elena-1945-Cluj');
    await page.fill('input[name=passwordConfirm]', 'Elena-1945-Cluj');
    await page.locator('input[name=acceptTerms]').check();
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').last().click()]);
    await expect(page.locator('main').textContent()).resolves.toContain('elena.popescu.pensionara@example.ro');
    await screenshot(page, 'phone-large-text-check-email', false);
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoAxeViolations(page, 'check your e-mail with large text');
  });

  it('reaches the start button of a long service page from its first screens, without scrolling through it all', { timeout: 120_000 }, async () => {
    const page = await phoneWithLargeText(false);
    await visit(page, '/servicii/dgitl5/CERT-FISCAL');
    const start = page.locator('main a', { hasText: 'Depuneți cererea online' }).last();
    // Facts and documents first: the button is many screens down.
    expect((await start.boundingBox())!.y).toBeGreaterThan(4 * 640);
    const jump = page.locator('main a', { hasText: 'Mergeți direct la depunerea cererii online' });
    expect((await jump.boundingBox())!.y).toBeLessThan(2 * 640);
    await jump.click();
    const box = (await start.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(640);
    await screenshot(page, 'phone-large-text-service-start', false);
    const withJs = await phoneWithLargeText();
    await visit(withJs, '/servicii/dgitl5/CERT-FISCAL');
    await expectNoAxeViolations(withJs, 'service page with large text');
  });
});
