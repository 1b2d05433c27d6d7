import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_COMPANY } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * Ion Popescu asked to represent Construct Demo SRL and changed his mind before the registry checked it: his account
 * page offers 'Retrageți cererea'; pressed with the keyboard, the request is gone from his account. axe on both pages.
 */
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const REQUEST = 'c0000000-0000-4000-8000-0000000009a1';

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
  await b.app.database.query("INSERT INTO company_representative (id, company_id, account_id, mandate_sha256, mandate_filename, status) VALUES ($1, $2, $3, $4, 'imputernicire.pdf', 'pending')", [
    REQUEST,
    DEMO_COMPANY.id,
    DEMO_ACCOUNTS.ion.id,
    'a'.repeat(64),
  ]);
}, 120_000);
afterAll(async () => b?.stop());

describe('withdrawing a request to represent a company', () => {
  it('is done from the account page with the keyboard', { timeout: 120_000 }, async () => {
    const ion = await signInInBrowser(b, DEMO_ACCOUNTS.ion, () => {
      offset += 30_000;
      return now();
    });
    await visit(ion, '/cont');
    expect(await ion.locator('main').textContent()).toContain('În verificare');
    await expectNoAxeViolations(ion, 'account, request waiting');
    await ion.focus(`form[action="/cont/firme/${REQUEST}/retragere"] button`);
    await Promise.all([ion.waitForNavigation(), ion.keyboard.press('Enter')]);
    expect(await ion.locator('.govuk-notification-banner').textContent()).toContain('Ați retras cererea de a reprezenta firma Construct Demo SRL.');
    expect(await ion.locator('main').textContent()).not.toContain('Retrageți cererea');
    await expectNoAxeViolations(ion, 'account, request withdrawn');
  });
});
