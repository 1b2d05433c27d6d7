import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp } from './support/browser.ts';

/*
 * The registry confirms a person's identity from their identity card, in the browser: found from the office home,
 * sent incomplete (the error summary takes focus, the e-mail stays), then complete, with the keyboard. axe each time.
 */
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

describe('confirming a person’s identity at the registry', () => {
  it('is found from the office and done with the keyboard', { timeout: 120_000 }, async () => {
    const clerk = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, () => {
      offset += 30_000;
      return now();
    });
    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('link', { name: /Confirmați identitatea unei persoane/ }).click()]);
    await expectNoAxeViolations(clerk, 'identity confirmation');
    await clerk.fill('input[name=email]', DEMO_ACCOUNTS.maria.email);
    await Promise.all([clerk.waitForNavigation(), clerk.click('main form button')]);
    expect(await clerk.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    expect(await clerk.inputValue('input[name=email]')).toBe(DEMO_ACCOUNTS.maria.email);
    await expectNoAxeViolations(clerk, 'identity confirmation, incomplete');
    await clerk.fill('input[name=cnp]', DEMO_ACCOUNTS.maria.person!.cnp);
    await clerk.fill('input[name=idDocument]', 'RX 123456');
    await clerk.focus('input[name=checked]');
    await clerk.keyboard.press('Space');
    await clerk.focus('main form button');
    await Promise.all([clerk.waitForNavigation(), clerk.keyboard.press('Enter')]);
    expect(await clerk.locator('.govuk-notification-banner', { hasText: 'Identitatea lui Maria Ionescu' }).count()).toBe(1);
    await expectNoAxeViolations(clerk, 'identity confirmed');
  });
});
