import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRepresentationRequest } from '../../src/modules/identity/request-representation.ts';
import { MANDATE_PDF } from '../../src/modules/identity/test-helpers.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A company's mandate checked in the browser: the registry clerk finds it from the back office, opens it, tries to
 * refuse it without a reason (the error summary takes focus), then accepts it with the keyboard. axe on every page.
 */
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
  const sha = await b.app.deps.blobs.put(Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'));
  await b.app.database.db.transaction((tx) =>
    recordRepresentationRequest(tx, {
      accountId: DEMO_ACCOUNTS.ion.id,
      company: { cui: '18547290', name: 'Tâmplăria Popescu SRL', tradeRegisterNo: 'J40/1234/2020' },
      mandateSha256: sha,
      mandateFilename: 'imputernicire.pdf',
      ip: null,
      now: now(),
    }),
  );
}, 120_000);
afterAll(async () => b?.stop());

const signIn = (a: DemoAccount): Promise<Page> =>
  signInInBrowser(b, a, () => {
    offset += 30_000;
    return now();
  });

describe('a company representative’s mandate', () => {
  it('is found, checked and accepted with the keyboard', { timeout: 120_000 }, async () => {
    const clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
    await visit(clerk, '/birou');
    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('link', { name: /Împuterniciri ale reprezentanților de firme/ }).click()]);
    await expectNoAxeViolations(clerk, 'mandates to check');
    await Promise.all([clerk.waitForNavigation(), clerk.locator('main table a').first().click()]);
    expect(await clerk.locator('h1').textContent()).toContain('Tâmplăria Popescu SRL');
    await expectNoAxeViolations(clerk, 'one mandate');

    await Promise.all([clerk.waitForNavigation(), clerk.locator('form:has(input[value=reject]) button').click()]);
    expect(await clerk.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    await expectNoAxeViolations(clerk, 'one mandate, refused without a reason');

    // The end date the document sets: one already past is named on its field, and what was typed stays.
    await clerk.fill('#validUntil-day', '31');
    await clerk.fill('#validUntil-month', '12');
    await clerk.fill('#validUntil-year', '2020');
    await clerk.focus('form:has(input[value=approve]) button');
    await Promise.all([clerk.waitForNavigation(), clerk.keyboard.press('Enter')]);
    expect(await clerk.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    expect(await clerk.locator('.govuk-error-summary a[href="#validUntil-day"]').textContent()).toContain('Data este în trecut');
    await expectNoAxeViolations(clerk, 'one mandate, its end date in the past');
    await clerk.fill('#validUntil-year', String(new Date().getFullYear() + 1));
    await clerk.focus('form:has(input[value=approve]) button');
    await Promise.all([clerk.waitForNavigation(), clerk.keyboard.press('Enter')]);
    expect(new URL(clerk.url()).pathname).toBe('/birou/reprezentanti');
    expect(await clerk.locator('.govuk-notification-banner').textContent()).toContain('Ați acceptat împuternicirea pentru Tâmplăria Popescu SRL');
    await expectNoAxeViolations(clerk, 'mandates to check, none left');
  });

  it('is renewed before it ends: the representative sends the next one from the account, the registry checks it', { timeout: 120_000 }, async () => {
    await b.app.database.query("UPDATE company_representative SET valid_until = (now() AT TIME ZONE 'Europe/Bucharest')::date + 20 WHERE account_id = $1", [DEMO_ACCOUNTS.ion.id]);
    const ion = await signIn(DEMO_ACCOUNTS.ion);
    await visit(ion, '/cont');
    await expectNoAxeViolations(ion, 'account, mandate ending soon');
    await Promise.all([ion.waitForNavigation(), ion.getByRole('link', { name: /Trimiteți o împuternicire nouă/ }).click()]);
    expect(await ion.inputValue('#companyCui')).toBe('18547290');
    await ion.setInputFiles('input[type=file]', { name: 'imputernicire-noua.pdf', mimeType: 'application/pdf', buffer: MANDATE_PDF });
    await Promise.all([ion.waitForNavigation(), ion.locator('main form button').click()]);
    expect(await ion.locator('.govuk-notification-banner').textContent()).toContain('Am primit noua împuternicire pentru');
    await expectNoAxeViolations(ion, 'account, renewal sent');

    const clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
    await visit(clerk, '/birou/reprezentanti');
    expect(await clerk.locator('main table').textContent()).toContain('Reînnoire');
    await expectNoAxeViolations(clerk, 'mandates to check, a renewal');
    await Promise.all([clerk.waitForNavigation(), clerk.locator('main table a').first().click()]);
    expect(await clerk.locator('main').textContent()).toContain('Aceasta este o reînnoire.');
    await expectNoAxeViolations(clerk, 'one renewal');
  });
});
