import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, focused, signInInBrowser, startBrowserApp, tab, visit } from './support/browser.ts';

/*
 * The clerk at the registry's queue registers a paper with the keyboard only: the form opens on the issuer, as an
 * incoming paper at the counter, and after issuer, content, pages and department few Tab stops are left to the
 * button — the optional data waits closed under "Alte date (opțional)". It took about 20 before.
 */
let b: BrowserApp;
let clock = Date.now();
const nextCode = () => {
  clock += 30_000;
  return new Date(clock);
};
const FORM = '/birou/registratura/inregistrare';

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = () => new Date(clock);
}, 120_000);
afterAll(async () => b?.stop());

describe('registering a paper with the keyboard', () => {
  it('takes few Tab stops from the issuer to the button', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    await visit(page, FORM);
    await expectNoAxeViolations(page, 'registration form');
    expect((await focused(page)).id).toBe('issuerName');
    expect(await page.isChecked('input[name=direction][value=incoming]')).toBe(true);
    expect(await page.isChecked('input[name=channel][value=counter]')).toBe(true);
    expect(await page.isVisible('#issuerReference')).toBe(false);

    await page.keyboard.type('Ștefan Țăranu');
    expect((await tab(page)).id).toBe('summary');
    await page.keyboard.type('Sesizare privind trotuarul din strada Sabinelor');
    expect((await tab(page)).id).toBe('pageCount');
    await page.keyboard.type('2');
    expect((await tab(page)).id).toBe('departmentId');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#departmentId')).not.toBe('');

    // From the department to the button: the scan, the case, the closed optional data, the button.
    let stops = 0;
    let f = await focused(page);
    while (!(f.tag === 'button' && f.text === 'Înregistrează')) {
      f = await tab(page);
      stops += 1;
      expect(stops).toBeLessThanOrEqual(10);
    }
    expect(stops).toBe(4);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/birou\/registratura\/intrari\//);
    expect(await page.locator('main').textContent()).toContain('Sesizare privind trotuarul din strada Sabinelor');
    const [entry] = await b.app.database.query<{ direction: string; channel: string; page_count: number; annex_count: number }>(
      "SELECT direction, channel, page_count, annex_count FROM registry_entry WHERE issuer_name = 'Ștefan Țăranu'",
    );
    expect(entry).toEqual({ direction: 'incoming', channel: 'counter', page_count: 2, annex_count: 0 });
  });

  it('opens the optional data with the keyboard, and by itself when one of them is wrong', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    await visit(page, FORM);
    await page.focus('summary.govuk-details__summary');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#issuerReference')).toBe(true);
    expect((await tab(page)).id).toBe('issuerCode');
    await expectNoAxeViolations(page, 'registration form, optional data open');

    await page.fill('#issuerName', 'Ana Pop');
    await page.fill('#summary', 'Răspuns la adresa dumneavoastră');
    await page.fill('#pageCount', '1');
    await page.fill('#repliesTo', '12-2026');
    await page.selectOption('#departmentId', { index: 1 });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main form button[type=submit]')]);
    expect(await page.isVisible('#repliesTo')).toBe(true);
    expect(await page.inputValue('#repliesTo')).toBe('12-2026');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Scrieți numărul de înregistrare ca 123/22.11.2026.');
    await expectNoAxeViolations(page, 'registration form with an error under the optional data');
  });
});

describe('a counter request with the keyboard', () => {
  it('opens on the person’s last name, every Tab stop after it a field', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    await visit(page, '/birou/ghiseu/servicii/CERERE-GEN');
    expect((await focused(page)).id).toBe('pLastName');
    await expectNoAxeViolations(page, 'counter form');
    const seen: string[] = [];
    let f = await focused(page);
    while (!(f.tag === 'button' && f.text === 'Înregistrează cererea') && seen.length < 80) {
      f = await tab(page);
      seen.push(f.id || f.tag);
    }
    // Every stop is a field of the request: the person, the service's questions, pages, scans — none on the page's links.
    expect(seen.slice(0, 3)).toEqual(['pFirstName', 'pCnp', 'pIdType']);
    expect(seen.slice(-3)).toEqual(['pPageCount', 'pScans', 'button']);
    expect(seen.length).toBeLessThanOrEqual(17);
  });
});
