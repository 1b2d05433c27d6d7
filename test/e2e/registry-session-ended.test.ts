import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoTotpCode } from '../../src/modules/identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../../src/modules/organisation/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A clerk types a long registry form, is called away, and sends it after the session ended: nothing is registered
 * (the sign-in page says so) and, signed in again, the form comes back filled in with what was typed — retyping a
 * petition's details from paper at a queue was the only way before. Only the scan is chosen again. A form left for
 * another page is not offered again: the next document starts empty. (Without JavaScript the server's kept page sends
 * the text with the scan chosen again: src/modules/registry/session-ended.test.ts.)
 */
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const nextCode = () => {
  offset += 30_000;
  return now();
};
const FORM = '/birou/registratura/inregistrare';
const scan = { name: 'sesizare.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

async function send(page: Page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form:has([name=issuerName]) button[type=submit]').last().click()]);
}

async function fill(page: Page) {
  await page.check('input[name=channel][value=post]');
  await page.fill('#issuerName', 'Ștefan Țăranu');
  await page.fill('#summary', 'Sesizare privind salubrizarea străzii Șoseaua Progresului');
  await page.fill('#pageCount', '3');
  await page.selectOption('#departmentId', demoDepartmentId(DEMO.sector5, 'ARH'));
  await page.setInputFiles('input[name=scan]', scan);
  // An optional field, under "Alte date (opțional)": it must not come back hidden in a closed section.
  await page.click('summary:has-text("Alte date")');
  await page.fill('#issuerReference', '77/2026');
}

const entries = async () => (await b.app.database.query<{ n: number }>("SELECT count(*)::int AS n FROM registry_entry WHERE issuer_name = 'Ștefan Țăranu'"))[0]!.n;

describe('a registry form sent after the session ended', () => {
  it('comes back filled in once the clerk signs in again', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    await visit(page, FORM);
    await fill(page);
    offset += (b.app.deps.config.session.idleMinutes + 1) * 60_000;
    await send(page);
    expect(new URL(page.url()).pathname).toBe('/autentificare');
    expect(await page.locator('main').textContent()).toContain('nu s-a înregistrat nimic și nu s-a dat niciun număr');
    expect(await entries()).toBe(0);

    await page.fill('input[name=email]', DEMO_ACCOUNTS.registryClerk.email);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=password]) button[type=submit]').click()]);
    await page.fill('input[name=code]', demoTotpCode(nextCode()));
    await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=code]) button[type=submit]').click()]);
    // The server kept the text (not the scan): its page offers to send it with the scan chosen again, or to go back to
    // the form, which the browser fills in again.
    expect(new URL(page.url()).pathname).toMatch(/^\/cont\/pagina-netrimisa\//);
    expect(await page.locator('main').textContent()).toContain('Alegeți din nou: sesizare.pdf');
    await expectNoAxeViolations(page, 'registry form kept, its scan to be chosen again');
    await Promise.all([page.waitForNavigation(), page.locator('main a', { hasText: 'Nu trimiteți; mergeți la pagină' }).click()]);
    expect(new URL(page.url()).pathname).toBe(FORM);

    // What was typed is back, and the clerk is told, focus on the notice: check it, choose the scan again.
    expect(await page.inputValue('#issuerName')).toBe('Ștefan Țăranu');
    expect(await page.inputValue('#summary')).toBe('Sesizare privind salubrizarea străzii Șoseaua Progresului');
    expect(await page.inputValue('#pageCount')).toBe('3');
    expect(await page.inputValue('#departmentId')).toBe(demoDepartmentId(DEMO.sector5, 'ARH'));
    expect(await page.isChecked('input[name=channel][value=post]')).toBe(true);
    expect(await page.inputValue('#issuerReference')).toBe('77/2026');
    expect(await page.isVisible('#issuerReference')).toBe(true);
    const notice = page.locator('[data-pd-typed-restored]');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('Am completat din nou ce ați scris');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-pd-typed-restored'))).toBe(true);
    await expectNoAxeViolations(page, 'registry form filled in again');

    await page.setInputFiles('input[name=scan]', scan);
    await send(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/birou\/registratura\/intrari\//);
    expect(await entries()).toBe(1);

    // The next document starts empty: a registered one's details are not offered again.
    await visit(page, FORM);
    expect(await page.inputValue('#issuerName')).toBe('');
    expect(await page.locator('[data-pd-typed-restored]').isVisible()).toBe(false);
  });

  it('is not filled in again when the clerk left it for another page', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, nextCode);
    await visit(page, FORM);
    await fill(page);
    await visit(page, '/birou/registratura');
    await visit(page, FORM);
    expect(await page.inputValue('#issuerName')).toBe('');
  });
});
