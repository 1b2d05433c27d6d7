import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A letter registered without a case, in the browser: the registry clerk registers it for the archive; the head of
 * the archive finds it from the back office, opens it, forgets to choose how it was resolved (the error summary takes
 * focus), then records it with the keyboard; the register line then says how. axe runs on every page.
 */

let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

const signIn = (a: DemoAccount): Promise<Page> =>
  signInInBrowser(b, a, () => {
    offset += 30_000; // a TOTP code is accepted once per window
    return now();
  });

describe('a letter without a case reaches its department', () => {
  it('is registered, found, resolved with the keyboard and shown in the register', { timeout: 120_000 }, async () => {
    const clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
    await visit(clerk, '/birou/registratura/inregistrare');
    await clerk.check('input[name=direction][value=incoming]');
    await clerk.check('input[name=channel][value=post]');
    await clerk.fill('input[name=issuerName]', 'Arhivele Naționale — Serviciul Municipiului București');
    await clerk.fill('textarea[name=summary], input[name=summary]', 'Adresă privind predarea documentelor din 2015');
    await clerk.fill('input[name=pageCount]', '1');
    const archive = await clerk.locator('select[name=departmentId] option', { hasText: 'Compartimentul Arhivă' }).getAttribute('value');
    await clerk.selectOption('select[name=departmentId]', archive!);
    await Promise.all([clerk.waitForNavigation(), clerk.locator('main form button[type=submit]').last().click()]);
    expect(new URL(clerk.url()).pathname).toMatch(/^\/birou\/registratura\/intrari\//);

    const head = await signIn(DEMO_ACCOUNTS.headArchive);
    await visit(head, '/birou');
    await Promise.all([head.waitForNavigation(), head.getByRole('link', { name: /Documente repartizate compartimentului/ }).click()]);
    await expectNoAxeViolations(head, 'routed documents list');
    await Promise.all([head.waitForNavigation(), head.locator('main table a').first().click()]);
    await expectNoAxeViolations(head, 'routed document');

    await Promise.all([head.waitForNavigation(), head.locator('form[action$="/rezolvare"] button').click()]);
    expect(await head.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    await expectNoAxeViolations(head, 'routed document with an error');

    await head.focus('input[name=way][value=filed]');
    await head.keyboard.press('Space');
    await head.focus('textarea[name=note]');
    await head.keyboard.type('Documentele din 2015 au fost predate pe 20.11.2026');
    await head.focus('form[action$="/rezolvare"] button');
    await Promise.all([head.waitForNavigation(), head.keyboard.press('Enter')]);
    expect(new URL(head.url()).pathname).toBe('/birou/documente');
    expect(await head.locator('.govuk-notification-banner').textContent()).toContain('a fost trecut în registru');
    await visit(head, '/birou/documente?stare=rezolvate');
    expect(await head.locator('main table').textContent()).toContain('Clasat la');
    await expectNoAxeViolations(head, 'resolved documents');
  });
});
