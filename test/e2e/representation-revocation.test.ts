import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_COMPANY, type DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * The company writes that its administrator left: the registry clerk finds the company's representatives by CUI,
 * opens Maria Ionescu's, tries to revoke without a reason (the error summary takes focus), then revokes it with the
 * keyboard. Maria's account then shows the mandate revoked, with the date and the reason. A representative gives
 * theirs up from their account. axe on every page.
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
    offset += 30_000;
    return now();
  });

describe('revoking a company representative’s mandate', () => {
  it('is done by the registry from the representation’s page, and the representative sees it on their account', { timeout: 120_000 }, async () => {
    const clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
    await visit(clerk, '/birou/reprezentanti');
    await clerk.fill('#cui', `RO ${DEMO_COMPANY.cui}`);
    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('button', { name: 'Căutați' }).click()]);
    expect(await clerk.locator('main table').last().textContent()).toContain('Maria Ionescu');
    await expectNoAxeViolations(clerk, 'the company’s representatives');
    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('link', { name: /Deschideți Maria Ionescu/ }).click()]);
    await expectNoAxeViolations(clerk, 'an active mandate');

    await clerk.focus('form[action$="/revocare"] button');
    await Promise.all([clerk.waitForNavigation(), clerk.keyboard.press('Enter')]);
    expect(await clerk.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    expect(await clerk.locator('.govuk-error-summary').textContent()).toContain('Scrieți motivul revocării');
    await expectNoAxeViolations(clerk, 'revoked without a reason');

    const reason = 'Notificarea scrisă a firmei nr. 112: administratorul nu mai face parte din firmă.';
    await clerk.fill('#reason', reason);
    await clerk.focus('form[action$="/revocare"] button');
    await Promise.all([clerk.waitForNavigation(), clerk.keyboard.press('Enter')]);
    expect(await clerk.locator('.govuk-notification-banner').textContent()).toContain('Ați revocat împuternicirea lui Maria Ionescu pentru Construct Demo SRL');
    expect(await clerk.locator('main').textContent()).toContain(reason);
    await expectNoAxeViolations(clerk, 'a revoked mandate');

    const maria = await signIn(DEMO_ACCOUNTS.maria);
    await visit(maria, '/cont');
    const account = await maria.locator('main').textContent();
    expect(account).toContain('Revocată');
    expect(account).toContain(`Motivul: ${reason}`);
    expect(account).not.toContain('Renunț la reprezentare');
    await expectNoAxeViolations(maria, 'account, mandate revoked');
  });

  it('is given up by the representative from their account, after a page that says what follows', { timeout: 120_000 }, async () => {
    await b.app.database.query("INSERT INTO company_representative (id, company_id, account_id, status) VALUES ('c0000000-0000-4000-8000-000000000199', $1, $2, 'active')", [
      DEMO_COMPANY.id,
      DEMO_ACCOUNTS.ion.id,
    ]);
    const ion = await signIn(DEMO_ACCOUNTS.ion);
    await visit(ion, '/cont');
    await Promise.all([ion.waitForNavigation(), ion.getByRole('link', { name: /Renunț la reprezentare pentru Construct Demo SRL/ }).click()]);
    expect(await ion.locator('h1').textContent()).toContain('Renunțați la reprezentarea firmei Construct Demo SRL?');
    await expectNoAxeViolations(ion, 'giving up a representation');
    await ion.fill('#reason', 'Nu mai lucrez la firmă.');
    await ion.focus('main form button');
    await Promise.all([ion.waitForNavigation(), ion.keyboard.press('Enter')]);
    expect(new URL(ion.url()).pathname).toBe('/cont');
    expect(await ion.locator('.govuk-notification-banner').textContent()).toContain('Ați renunțat la reprezentarea firmei Construct Demo SRL.');
    expect(await ion.locator('main').textContent()).toContain('Ați renunțat la reprezentare pe');
    await expectNoAxeViolations(ion, 'account, representation given up');
  });
});
