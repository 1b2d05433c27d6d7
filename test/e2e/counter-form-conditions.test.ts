import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, tabUntil, visit } from './support/browser.ts';

/*
 * The counter's one-page form of a service shows, with JavaScript, only what applies to the answers chosen: a
 * person's request no longer makes the clerk tab through a company's CUI, name and representative (and the other way
 * round). Without JavaScript every question shows, each with its "Doar dacă" note, as before.
 */
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const nextCode = () => {
  offset += 30_000;
  return now();
};
const FORM = '/birou/ghiseu/servicii/CERERE-GEN';

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

describe('the counter form of a service', () => {
  it('shows a company’s questions only for a company, and a person’s only for a person', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    await visit(page, FORM);
    expect(await page.isVisible('#company_cui')).toBe(false);
    expect(await page.isVisible('[name="applicant_address-street"]')).toBe(false);
    expect(await page.isVisible('#subject')).toBe(true);

    // With the keyboard: to "Persoană fizică", choose it, and Tab goes on to the person's questions.
    await page.focus('#pAddress');
    await tabUntil(page, (f) => f.id === 'applicant_kind');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#applicant_kind')).toBe(true);
    expect(await page.isVisible('[name="applicant_address-street"]')).toBe(true);
    expect(await page.isVisible('#company_cui')).toBe(false);
    await expectNoAxeViolations(page, 'counter form, a person');
    // The company's five fields are out of the way: from the address, the contact data and the request come next.
    const stops: string[] = [];
    await page.focus('[name="applicant_address-county"]');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? ''));
    }
    expect(stops).not.toContain('company_cui');
    expect(stops).toContain('subject');

    await page.check('[name=applicant_kind][value=pj]');
    expect(await page.isVisible('#company_cui')).toBe(true);
    expect(await page.isVisible('[name="applicant_address-street"]')).toBe(false);
    await expectNoAxeViolations(page, 'counter form, a company');
  });

  it('shows every question without JavaScript', { timeout: 120_000 }, async () => {
    const js = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    const cookies = await js.context().cookies();
    const page = await b.newPage({ javaScriptEnabled: false });
    await page.context().addCookies(cookies);
    await visit(page, FORM);
    expect(await page.isVisible('#company_cui')).toBe(true);
    expect(await page.isVisible('[name="applicant_address-street"]')).toBe(true);
  });
});
