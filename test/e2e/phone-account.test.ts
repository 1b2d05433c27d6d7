import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, focused, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * An older person's own account on a cheap phone (360 × 640): their data, who read it and their profile must read
 * without sideways scrolling, and every error must lead to the field it is about.
 */

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
});
afterAll(async () => b?.stop());

const maria = DEMO_ACCOUNTS.maria;

async function onPhone(): Promise<Page> {
  const page = await signInInBrowser(b, maria, () => new Date());
  await page.setViewportSize({ width: 360, height: 640 });
  return page;
}

/** How far the page reaches beyond the screen's width (0 when nothing makes it scroll sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('my account on a phone', () => {
  it('shows all my data, and who accessed it, without scrolling sideways', { timeout: 120_000 }, async () => {
    const page = await onPhone();
    await visit(page, '/cont/datele-mele');
    // Sessions and the representation are tables of five or more columns: on a phone each row becomes a block.
    await expect(page.locator('table').count()).resolves.toBeGreaterThan(0);
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoAxeViolations(page, 'my data on a phone');
    await visit(page, '/cont/cine-mi-a-accesat-datele');
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  it('leads from the error summary to the notification choice when SMS is asked for without a phone', { timeout: 120_000 }, async () => {
    const page = await onPhone();
    await visit(page, '/cont/profil');
    await page.fill('input[name=phone]', '');
    await page.locator('input[name=notify][value=sms]').check();
    await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=phone]) button[type=submit]').click()]);
    const link = page.locator('.govuk-error-summary a', { hasText: 'SMS' });
    const target = (await link.getAttribute('href'))!;
    expect(await page.locator(target).count()).toBe(1);
    await link.click();
    expect((await focused(page)).id).toBe(target.slice(1));
  });

  it('adds a company to the account on a phone, in an accessible form that fits the screen', { timeout: 120_000 }, async () => {
    const page = await onPhone();
    await visit(page, '/cont');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Reprezentați o firmă?' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/cont/firme/adauga');
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoAxeViolations(page, 'add a company');
    // Sent empty: every error leads to its field.
    await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=companyCui]) button[type=submit]').click()]);
    for (const href of await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(await page.locator(href!).count(), href!).toBe(1);
    }
    await expectNoAxeViolations(page, 'add a company, with errors');
  });
});
