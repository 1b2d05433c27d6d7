import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { testClock } from '../support/clock.ts';
import { openDemoCase, PAPER_APPLICANT } from '../support/demo-case.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A petition sent to the wrong institution (OG 27/2002 art. 6¹), in the browser: the registry clerk sees the 5 days
 * on the case page, opens the form, sends it empty (the error summary takes focus), then sends it to DGITL Sector 5,
 * whose registry clerk finds it registered there, saying where it came from. axe on every page.
 */
let b: BrowserApp;
const clock = testClock();
let caseId = '';

beforeAll(async () => {
  b = await startBrowserApp({ clock });
  caseId = (
    await openDemoCase(b.app, {
      service: 'PETITIE',
      applicant: { ...PAPER_APPLICANT, address: 'Str. Sebastian 10, București' },
      answers: { subject: 'Impozitul pe mașină', content: 'Am vândut mașina în martie și încă mi se calculează impozit.' },
    })
  ).caseId;
}, 120_000);
afterAll(async () => b?.stop());

describe('a petition meant for another institution', () => {
  it('is sent on by the registry clerk and registered at the competent institution', { timeout: 180_000 }, async () => {
    const clerk = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, clock.nextCode);
    await visit(clerk, `/birou/dosare/${caseId}`);
    expect(await clerk.locator('#redirectionare').textContent()).toContain('Termen pentru trimiterea la instituția competentă');
    await expectNoAxeViolations(clerk, 'case page with the 5-day clock');
    await Promise.all([clerk.waitForNavigation(), clerk.getByText('Trimiteți petiția instituției competente').click()]);
    await expectNoAxeViolations(clerk, 'redirect form');

    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('button', { name: 'Trimiteți petiția' }).click()]);
    expect(await clerk.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    expect(await clerk.locator('.govuk-error-summary').textContent()).toContain('Alegeți unde trimiteți petiția.');
    await expectNoAxeViolations(clerk, 'redirect form refused');
    if (process.env.SHOT) await clerk.screenshot({ path: process.env.SHOT, fullPage: true });

    await clerk.check('#to');
    await clerk.selectOption('#institution', 'dgitl5');
    await clerk.fill('#reason', 'Impozitul pe mijloacele de transport este stabilit de DGITL Sector 5.');
    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('button', { name: 'Trimiteți petiția' }).click()]);
    const banner = (await clerk.locator('.govuk-notification-banner--success').textContent()) ?? '';
    expect(banner).toContain('Petiția a fost trimisă la Direcția Generală de Impozite și Taxe Locale Sector 5 și înregistrată acolo cu nr.');
    expect(await clerk.locator('main').textContent()).toContain('Trimisă instituției competente');
    await expectNoAxeViolations(clerk, 'case redirected');

    const received = await b.app.database.query<{ id: string }>('SELECT id FROM "case" WHERE received_from_case_id = $1', [caseId]);
    expect(received).toHaveLength(1);
    const there = await signInInBrowser(b, DEMO_ACCOUNTS.taxesRegistryClerk, clock.nextCode);
    await visit(there, `/birou/dosare/${received[0]!.id}`);
    expect(await there.locator('main').textContent()).toContain('Petiție primită de la Primăria Sectorului 5');
    await expectNoAxeViolations(there, 'the case at the competent institution');
  });
});
