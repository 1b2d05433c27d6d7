import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { testClock } from '../support/clock.ts';
import { openDemoCase } from '../support/demo-case.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A withdrawal brought on paper, in the browser: the registry clerk opens the case, unfolds the form, sends it with a
 * wrong CNP and no scan (the error summary takes focus, the form stays open with what was typed), then correctly with
 * the scan of the signed paper. axe each time.
 */
let b: BrowserApp;
const clock = testClock();
let caseId = '';

beforeAll(async () => {
  b = await startBrowserApp({ clock });
  caseId = (
    await openDemoCase(b.app, {
      service: 'PETITIE',
      applicant: { kind: 'person', name: 'Vasile Ghișeu', cnp: '1800101123450' },
      answers: { subject: 'Iluminat stradal', text: 'Stâlpul din fața blocului nu funcționează.' },
      channel: 'counter',
    })
  ).caseId;
}, 120_000);
afterAll(async () => b?.stop());

describe('a withdrawal brought to the counter', () => {
  it('is registered by the clerk from the case page', { timeout: 120_000 }, async () => {
    const clerk = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, clock.nextCode);
    await visit(clerk, `/birou/dosare/${caseId}`);
    await clerk.getByText('Înregistrați o cerere de retragere adusă la ghișeu').click();
    await expectNoAxeViolations(clerk, 'case page, withdrawal form open');
    await clerk.fill('#retragere-identity', '2850505123458');
    await clerk.fill('#retragere-reason', 'Problema s-a rezolvat');
    await Promise.all([clerk.waitForNavigation(), clerk.click('form[action$="/retragere"] button')]);
    expect(await clerk.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    expect(await clerk.inputValue('#retragere-reason')).toBe('Problema s-a rezolvat');
    expect(await clerk.locator('.govuk-error-summary a[href="#retragere-scan"]').textContent()).toBe('Alegeți scanarea cererii de retragere semnate.');
    await expectNoAxeViolations(clerk, 'withdrawal refused');
    if (process.env.SHOT) await clerk.screenshot({ path: process.env.SHOT, fullPage: true });
    await clerk.fill('#retragere-identity', '1800101123450');
    await clerk.check('#retragere-identityChecked');
    await clerk.fill('#retragere-pageCount', '1');
    await clerk.setInputFiles('#retragere-scan', { name: 'retragere.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await Promise.all([clerk.waitForNavigation(), clerk.click('form[action$="/retragere"] button')]);
    expect(await clerk.locator('.govuk-notification-banner', { hasText: 'dosarul a fost retras' }).count()).toBe(1);
    expect(await clerk.locator('main').textContent()).toContain('Retrasă');
    await expectNoAxeViolations(clerk, 'case withdrawn');
  });
});
